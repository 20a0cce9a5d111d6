"""What members type, before it is stored: titles on one line, Markdown texts with
normalized line ends (the text gate's `one_line` and `markdown_source`), both within the
training feature's limits."""

from mediator_portal.text import markdown_source, one_line, storable
from mediator_portal.training.models import BODY_MAX, TITLE_MAX
from mediator_portal.training.services.errors import (
    EmptyText,
    EmptyTitle,
    TextTooLong,
    TitleTooLong,
)

__all__ = ["clean_text", "clean_title", "storable"]


def clean_title(title: str | None) -> str:
    """`title` on one line without outer spaces. Raises EmptyTitle or TitleTooLong."""
    text = one_line(title)
    if not text:
        raise EmptyTitle()
    if len(text) > TITLE_MAX:
        raise TitleTooLong()
    return text


def clean_text(body: str | None) -> str:
    """Markdown `body` with normalized line ends and no blank lines around it.
    Raises EmptyText (nothing but white space) or TextTooLong (above BODY_MAX characters)."""
    text = markdown_source(body)
    if not text.strip():
        raise EmptyText()
    if len(text) > BODY_MAX:
        raise TextTooLong()
    return text
