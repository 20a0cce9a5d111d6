"""The list of my notifications, opening one, marking them read, and the unread count."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.arguments import page_number, query_int
from mediator_portal.database import write_on_the_side
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forms import require_button
from mediator_portal.notifications import services
from mediator_portal.notifications.views.common import bp
from mediator_portal.permissions import members


def _kind_arg() -> str | None:
    kind = request.args.get("kind") or None
    if kind is not None and kind not in services.KINDS:
        raise services.NotFound()
    return kind


@bp.route("/")
@members
def index():
    kind = _kind_arg()
    page = services.notification_page(db.session, current_user, page_number(), kind)
    kinds = [(name, services.kind_label(name)) for name in services.KINDS]
    if page.lost_unread:  # no longer readable: left out of the unread count from now on
        write_on_the_side(
            db.session,
            lambda: services.mark_lost_read(db.session, current_user, page.lost_unread),
            what="notifications no longer readable",
        )
    return render_template(
        "notifications/index.html",
        page=page,
        kind=kind,
        kinds=kinds,
        labels=dict(kinds),
    )


@bp.route("/<int:notification_id>/open", methods=["GET", "POST"])
@members
def open_one(notification_id: int):
    """POST (the list's button, CSRF): mark it read and go to what it points at. GET (an old
    link, a prefetch): only go there; a GET never changes anything."""
    if request.method == "GET":
        return redirect(services.notification_url(db.session, current_user, notification_id))
    require_button()
    url = services.open_notification(db.session, current_user, notification_id)
    db.session.commit()
    return redirect(url, 303)


@bp.route("/<int:notification_id>/read", methods=["POST"])
@members
def read_one(notification_id: int):
    require_button()
    services.mark_read(db.session, current_user, notification_id)
    db.session.commit()
    return redirect(url_for("notifications.index"))


@bp.route("/read", methods=["POST"])
@members
def read_all():
    require_button()
    services.mark_all_read(db.session, current_user)
    db.session.commit()
    flash(_("All your notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/unread.json")
@members
@json_view
def unread():
    return jsonify(unread=services.unread_count(db.session, current_user))


@bp.route("/mentions.json")
@members
@json_view
def mentions():
    """`?q=` (what follows the "@") and `?topic=` or `?category=` (where it is written):
    the people to offer, those who may read there first, each with `can_read`."""
    target = None
    for target_type in (services.TOPIC, services.CATEGORY):
        target_id = query_int(target_type, minimum=1)
        if target_id is not None:
            target = services.Target(target_type, target_id)
    query = (request.args.get("q") or "")[:60]
    found = services.mention_candidates(
        db.session, query, target, viewer=current_user._get_current_object()
    )
    return jsonify(
        members=[{"name": m.name, "handle": m.handle, "can_read": m.can_read} for m in found]
    )
