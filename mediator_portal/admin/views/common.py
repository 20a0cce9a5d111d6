"""The admin blueprint and what its route modules share.

Routes live in `users`, `places`, `audit_log` and `jobs`; each declares
`@requires(Permission.ADMIN)` directly under its `@bp.route`.
"""

from flask import Blueprint, current_app, redirect, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from mediator_portal import arguments
from mediator_portal.admin.services import Actor
from mediator_portal.permissions import Permission, requires

bp = Blueprint("admin", __name__, url_prefix="/admin")


def acting() -> Actor:
    """The signed-in administrator and their address, for the audit log."""
    return Actor(current_user._get_current_object(), request.remote_addr)


def locale() -> str:
    """The interface language of this request ("el" or "en")."""
    return str(get_locale() or "el")


def page_number() -> int:
    """The `page` query argument (1 when missing or not a page number)."""
    return max(arguments.page_number(), 1)


def per_page() -> int:
    """How many rows a list page shows."""
    return current_app.config["PAGE_SIZE"]


@bp.route("/")
@requires(Permission.ADMIN)
def index() -> Response:
    return redirect(url_for("admin.users"))
