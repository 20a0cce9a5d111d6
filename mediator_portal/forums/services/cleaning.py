"""The text of posts and titles made storable: line ends, blank lines, NUL, length."""

import re

from mediator_portal.forums.models import BODY_MAX, TITLE_MAX
from mediator_portal.forums.services.errors import (
    EmptyPost,
    EmptyTitle,
    PostTooLong,
    TitleTooLong,
)

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def storable(text: str | None) -> str:
    """`text` without NUL characters (PostgreSQL refuses them), replaced as CommonMark does."""
    return (text or "").replace("\x00", "\ufffd")


def clean_body(body: str | None) -> str:
    """`body` with normalized line ends and no blank lines around it.

    Raises EmptyPost when nothing but white space is left, PostTooLong above BODY_MAX characters.
    """
    text = storable(body).replace("\r\n", "\n").replace("\r", "\n")
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    if not text.strip():
        raise EmptyPost()
    if len(text) > BODY_MAX:
        raise PostTooLong()
    return text


def clean_title(title: str | None) -> str:
    """`title` on one line without outer spaces. Raises EmptyTitle or TitleTooLong."""
    text = " ".join(storable(title).split())
    if not text:
        raise EmptyTitle()
    if len(text) > TITLE_MAX:
        raise TitleTooLong()
    return text
