"""The start page of a signed-in person, and `/healthz` for monitoring."""

from flask import Blueprint, current_app, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.permissions import members, public

bp = Blueprint("home", __name__)


@bp.route("/")
@members
def index():
    user = accounts.load_profile(db.session, current_user.id)
    return render_template("home/index.html", user=user)


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
