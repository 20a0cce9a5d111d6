"""The library blueprint and what its views share."""

from flask import Blueprint, request
from flask_babel import format_decimal, get_locale
from flask_login import current_user

from mediator_portal.accounts.services import LANGUAGES
from mediator_portal.arguments import query_int
from mediator_portal.extensions import db
from mediator_portal.library import services
from mediator_portal.search import fold

bp = Blueprint("library", __name__, url_prefix="/library")


def locale() -> str:
    return str(get_locale() or "el")


def viewer():
    """The signed-in person (the object, not Flask-Login's proxy)."""
    return current_user._get_current_object()  # noqa: SLF001 - Flask-Login's documented way


def load_item(item_id: int):
    """The item, if the viewer may see it. Raises NotFound (a 404)."""
    return services.get_item(db.session, viewer(), item_id)


def filters_from_request() -> services.Filters:
    """The list's filters from the query string; unknown values count as unset."""
    language = request.args.get("language") or None
    if language not in LANGUAGES:
        language = None
    tag = fold(request.args.get("tag"))[:120] or None
    return services.Filters(
        section_id=query_int("section", None, minimum=1, strict=False),
        tag=tag,
        language=language,
        query=" ".join((request.args.get("q") or "").split())[: services.QUERY_MAX],
        deleted=request.args.get("show") == "deleted" and services.can_manage(current_user),
    )


def section_form_kwargs() -> dict:
    return {"sections": services.all_sections(db.session), "locale": locale()}


@bp.app_template_filter("filesize")
def filesize(size: int | None) -> str:
    """A file's size for people: "820 KB", "3,4 MB" (in the page's language)."""
    size = size or 0
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)))} KB"
    return f"{format_decimal(round(size / (1024 * 1024), 1))} MB"
