"""The text of posts and titles made storable (the text gate's `one_line` and
`markdown_source`) and held to the board's limits."""

from mediator_portal.forums.models import BODY_MAX, TITLE_MAX
from mediator_portal.forums.services.errors import (
    EmptyPost,
    EmptyTitle,
    PostTooLong,
    TitleTooLong,
)
from mediator_portal.text import markdown_source, one_line, storable

__all__ = ["clean_body", "clean_title", "storable"]


def clean_body(body: str | None) -> str:
    """`body` with normalized line ends and no blank lines around it.

    Raises EmptyPost when nothing but white space is left, PostTooLong above BODY_MAX characters.
    """
    text = markdown_source(body)
    if not text.strip():
        raise EmptyPost()
    if len(text) > BODY_MAX:
        raise PostTooLong()
    return text


def clean_title(title: str | None) -> str:
    """`title` on one line without outer spaces. Raises EmptyTitle or TitleTooLong."""
    text = one_line(title)
    if not text:
        raise EmptyTitle()
    if len(text) > TITLE_MAX:
        raise TitleTooLong()
    return text
