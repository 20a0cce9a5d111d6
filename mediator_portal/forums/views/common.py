"""The forums blueprint and the helpers its views share."""

from collections.abc import Callable

from flask import Blueprint, request, url_for
from flask_login import current_user

from mediator_portal.arguments import page_number
from mediator_portal.database import write_on_the_side
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import REACTIONS
from mediator_portal.forums.services import ForumError
from mediator_portal.i18n import N_

bp = Blueprint("forums", __name__, url_prefix="/forums")

# The reactions' names as msgids (N_), translated by the page rendering the posts.
REACTION_NAMES = {
    "like": N_("Like"),
    "heart": N_("Love it"),
    "thanks": N_("Thank you"),
    "idea": N_("Good idea"),
}


def reaction_choices(gettext: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """(kind, emoji, label translated by `gettext`) of each reaction, for
    `forums/_post.html` (views/post_cache.py gives it once per page)."""
    return [(kind, emoji, gettext(REACTION_NAMES[kind])) for kind, emoji in REACTIONS.items()]


def page_arg() -> int:
    """`?page=` (1 when missing or not a number); a page out of range is the service's
    NotFound (404)."""
    return page_number()


def load_category(category_id: int):
    """The category, if the viewer may see it. Raises NotFound (answered as a 404)."""
    return services.get_category(db.session, current_user, category_id)


def load_topic(topic_id: int):
    """The topic, if the viewer may see it. Raises NotFound (answered as a 404)."""
    return services.get_topic(db.session, current_user, topic_id)


def load_post(post_id: int):
    """The post, if the viewer may see it. Raises NotFound (answered as a 404)."""
    return services.get_post(db.session, current_user, post_id)


def form_failed(form, error: ForumError) -> int:
    """Show a service error beside the form field it is about; returns the HTTP status."""
    db.session.rollback()
    if isinstance(error, services.AttachmentError) and hasattr(form, "files"):
        problems = getattr(error, "problems", None)
        messages = [str(error.message), *problems] if problems else [str(error.message)]
        form.files.errors = [*form.files.errors, *messages]
        return error.status
    title_error = isinstance(error, services.EmptyTitle | services.TitleTooLong)
    name = next(
        name
        for name in (("title",) if title_error else ()) + ("body", "reason")
        if hasattr(form, name)
    )
    field = getattr(form, name)
    field.errors = [*field.errors, str(error.message)]
    return error.status


def pending_files(form) -> list:
    """The viewer's pending uploads the form was sent with, to show it again with them."""
    ids = form.attachment.data if request.method == "POST" else None
    return services.pending_views(db.session, current_user, ids or [])


def post_url(post) -> str:
    """The URL of `post` on its topic page, with its anchor."""
    return (
        url_for("forums.topic", topic_id=post.topic_id, page=services.page_of(post.number))
        + f"#post-{post.number}"
    )


def record_reading(topic, number: int) -> None:
    """Note, on the side of a page that reads, that the viewer has read `topic` up to post
    `number` (a busy database is tried again a few times, then let go: the page is kept)."""
    write_on_the_side(
        db.session,
        lambda: services.mark_read(db.session, current_user, topic, number),
        what="a read position",
    )
