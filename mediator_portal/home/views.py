"""The start page of a signed-in person (the panels the features contribute:
`Feature.home_panels`), and `/healthz` for monitoring."""

from flask import Blueprint, current_app, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.features import home_panels
from mediator_portal.permissions import members, public

bp = Blueprint("home", __name__)


@bp.route("/")
@members
def index():
    user = accounts.load_with_place(db.session, current_user.id)
    viewer = current_user._get_current_object()
    panels = [(panel, panel.load(db.session, viewer)) for panel in home_panels(viewer)]
    return render_template("home/index.html", user=user, panels=panels)


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unreachable")
        db.session.rollback()
        database = "unavailable"
    status = 200 if database == "ok" else 503
    body = {
        "status": "ok" if status == 200 else "degraded",
        "app": "mediator-portal",
        "database": database,
        "database_backend": db.engine.dialect.name,
    }
    return jsonify(body), status
