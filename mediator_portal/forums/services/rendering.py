"""A post's Markdown rendered for storing: the text gate with the @mentions of members as
links to their pages (resolved once, when the post is saved; pages show the stored HTML)."""

from sqlalchemy.orm import Session

from mediator_portal.accounts.services import member_handles
from mediator_portal.text import mention_keys, render_markdown


def render_post(session: Session, body: str) -> str:
    """The sanitized HTML of `body`, its mentions of active members linked: one query when
    it mentions someone, none otherwise."""
    return render_markdown(body, members=member_handles(session, mention_keys(body)))
