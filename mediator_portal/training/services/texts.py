"""Cleaning what members type before it is stored: titles on one line, Markdown texts with
normalized line ends, both within their limits and without NUL characters."""

import re

from mediator_portal.training.models import BODY_MAX, TITLE_MAX
from mediator_portal.training.services.errors import (
    EmptyText,
    EmptyTitle,
    TextTooLong,
    TitleTooLong,
)

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def storable(text: str | None) -> str:
    """`text` without NUL characters (PostgreSQL refuses them), replaced as CommonMark does."""
    return (text or "").replace("\x00", "\ufffd")


def clean_title(title: str | None) -> str:
    """`title` on one line without outer spaces. Raises EmptyTitle or TitleTooLong."""
    text = " ".join(storable(title).split())
    if not text:
        raise EmptyTitle()
    if len(text) > TITLE_MAX:
        raise TitleTooLong()
    return text


def clean_text(body: str | None) -> str:
    """Markdown `body` with normalized line ends and no blank lines around it.
    Raises EmptyText (nothing but white space) or TextTooLong (above BODY_MAX characters)."""
    text = storable(body).replace("\r\n", "\n").replace("\r", "\n")
    text = _LEADING_BLANK_LINES.sub("", text).rstrip()
    if not text.strip():
        raise EmptyText()
    if len(text) > BODY_MAX:
        raise TextTooLong()
    return text
