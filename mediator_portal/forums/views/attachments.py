"""Files of posts: the composer's upload (a pending attachment, JSON), and opening a file or
its thumbnail, only for people who may read its post (services.get_attachment)."""

from babel import numbers
from flask import jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mediator_portal import storage
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.views.common import bp
from mediator_portal.permissions import Permission, members, requires
from mediator_portal.security import accepts_uploads

UNITS = (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024))


@bp.route("/attachments", methods=["POST"])
@requires(Permission.FORUM_PARTICIPATE)
@accepts_uploads
@json_view
def upload_attachment():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise storage.UploadRefused(_l("Choose a file to attach."))
    attachment = services.store_pending(db.session, uploader=current_user, upload=upload)
    stored = attachment.stored_file
    answer = {
        "id": attachment.id,
        "name": stored.original_name,
        "kind": stored.kind,
        "size": stored.size,
        "size_text": file_size(stored.size),
        "url": url_for("forums.attachment", attachment_id=attachment.id),
    }
    db.session.commit()
    return jsonify(answer), 201


@bp.route("/attachments/<int:attachment_id>")
@members
def attachment(attachment_id: int):
    stored = services.get_attachment(db.session, current_user, attachment_id).stored_file
    # Images open in the browser (re-encoded by the gate; served sandboxed); PDFs download.
    return storage.send_stored(stored, as_attachment=stored.kind != "image")


@bp.route("/attachments/<int:attachment_id>/thumbnail")
@members
def attachment_thumbnail(attachment_id: int):
    stored = services.get_attachment(db.session, current_user, attachment_id).stored_file
    return storage.send_thumbnail(stored)


@bp.app_template_filter("file_size")
def file_size(size: int) -> str:
    """`size` bytes as people read it, in the page's language ("1,2 MB" in Greek)."""
    locale = str(get_locale() or "el")
    for unit, bytes_ in UNITS:
        if size >= bytes_:
            return f"{numbers.format_decimal(round(size / bytes_, 1), locale=locale)} {unit}"
    return f"{numbers.format_decimal(size, locale=locale)} B"
