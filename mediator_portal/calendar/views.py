"""My calendar: the page with my secret feed address and how to subscribe to it, making a
new address (the old one stops at once), and the feed itself, fetched by calendar clients
without signing in: the address is the key (`/calendar/<token>.ics`, public by token)."""

import hashlib

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal import crypto
from mediator_portal.calendar import services
from mediator_portal.extensions import db, limiter
from mediator_portal.forms import require_button
from mediator_portal.mailer import external_url
from mediator_portal.permissions import members, public

bp = Blueprint("calendar", __name__, url_prefix="/calendar")


def _feed_limit() -> str:
    return current_app.config["CALENDAR_FEED_LIMIT"]


def _miss_limit() -> str:
    return current_app.config["CALENDAR_FEED_MISS_LIMIT"]


def _feed_key() -> str:
    # Per feed, not per address: Google and Outlook fetch every feed from a few addresses.
    token = str((request.view_args or {}).get("token", ""))
    return "calendar-feed:" + hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _missed(response) -> bool:
    return response.status_code == 404


@bp.route("/")
@members
def settings():
    unreadable = False
    try:
        feed = services.feed_of(db.session, current_user)
    except crypto.UnreadableText:
        db.session.rollback()
        feed, unreadable = None, True
    url = external_url("calendar.feed", token=feed.token) if feed else None
    return render_template(
        "calendar/settings.html",
        feed=feed,
        url=url,
        webcal="webcal://" + url.split("://", 1)[1] if url else None,
        unreadable=unreadable,
    )


@bp.route("/regenerate", methods=["POST"])
@members
def regenerate():
    require_button()
    services.regenerate(db.session, current_user)
    db.session.commit()
    flash(_("Your calendar address is ready. Any address you had before no longer works."))
    return redirect(url_for("calendar.settings") + "#address")


@bp.route("/<token>.ics")
@public
@limiter.limit(_feed_limit, key_func=_feed_key)
@limiter.limit(_miss_limit, deduct_when=_missed)
def feed(token: str):
    owner = services.owner_of(db.session, token)
    response = Response(services.feed_file(db.session, owner), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="mediator-portal.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
