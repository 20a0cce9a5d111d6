"""Drafts as JSON for the front end: GET, POST (save) and DELETE, per topic or category."""

from flask import jsonify, request
from flask_login import current_user

from mediator_portal.arguments import JsonField, posted_fields
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


# A draft's text: the body must be sent (even empty, when the person cleared the box);
# a malformed request is refused before anything is written, so no draft is ever wiped.
DRAFT_FIELDS = (JsonField("body", str, required=True), JsonField("title", str))


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
    fields = posted_fields(DRAFT_FIELDS)
    saved = services.save_draft(
        db.session, current_user, title=fields.get("title", ""), body=fields["body"], **target
    )
    db.session.commit()
    return jsonify(as_json(saved))
