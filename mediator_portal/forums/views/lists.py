"""Topic lists across categories: Latest, Unread and New, and the board's tabs."""

from flask import render_template
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.features import page_counts
from mediator_portal.forums import services
from mediator_portal.forums.views.common import bp, page_arg
from mediator_portal.permissions import members


def tab_counts() -> dict[str, int]:
    """{"unread": n, "new": n} for the board's tabs: the navigation's counts of this
    request (no query of their own)."""
    counts = page_counts(current_user)
    return {
        "unread": counts.get(services.UNREAD_COUNT, 0),
        "new": counts.get(services.NEW_COUNT, 0),
    }


def _list(kind: str):
    page = services.topic_list_page(db.session, current_user, kind, page_arg())
    return render_template("forums/topic_list.html", kind=kind, page=page, counts=tab_counts())


@bp.route("/latest")
@members
def latest():
    return _list("latest")


@bp.route("/unread")
@members
def unread():
    return _list("unread")


@bp.route("/new")
@members
def new():
    return _list("new")
