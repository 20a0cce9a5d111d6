"""Drafts as JSON for the front end: GET, POST (save) and DELETE, per topic or category."""

from flask import jsonify, request
from flask_login import current_user

from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.services.drafts import as_json
from mediator_portal.forums.views.common import bp
from mediator_portal.permissions import Permission, requires


def _target(kind: str, object_id: int) -> dict:
    """{"topic": …} or {"category": …}. Raises NotFound for unknown or invisible ids."""
    if kind == "topic":
        return {"topic": services.get_topic(db.session, current_user, object_id)}
    return {"category": services.get_category(db.session, current_user, object_id)}


def _text(name: str) -> str:
    payload = request.get_json(silent=True) if request.is_json else None
    value = (payload or {}).get(name) if payload is not None else request.form.get(name)
    return value if isinstance(value, str) else ""


@bp.route("/drafts/<any(topic, category):kind>/<int:object_id>", methods=["GET", "POST", "DELETE"])
@requires(Permission.FORUM_PARTICIPATE)
@json_view
def draft(kind: str, object_id: int):
    target = _target(kind, object_id)
    if request.method == "GET":
        return jsonify(as_json(services.get_draft(db.session, current_user, **target)))
    if request.method == "DELETE":
        deleted = services.delete_draft(db.session, current_user, **target)
        db.session.commit()
        return jsonify(deleted=deleted)
    saved = services.save_draft(
        db.session, current_user, title=_text("title"), body=_text("body"), **target
    )
    db.session.commit()
    return jsonify(as_json(saved))
