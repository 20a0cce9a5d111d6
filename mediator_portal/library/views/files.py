"""Files of the library, only through views that check who may see the item: download
(attachment), inline (the preview's players and PDF.js: Range and ETags work) and thumbnail."""

from mediator_portal import storage
from mediator_portal.extensions import db
from mediator_portal.library import services
from mediator_portal.library.views.common import bp, load_item
from mediator_portal.permissions import Permission, requires

INLINE_KINDS = frozenset({"pdf", "image", "audio", "video"})


def _version(item_id: int, number: int | None):
    item = load_item(item_id)
    if number is None:
        if item.current_version is None:
            raise services.NotFound()
        return item.current_version
    return services.get_version(db.session, item, number)


@bp.route("/items/<int:item_id>/download")
@requires(Permission.LIBRARY_READ)
def download(item_id: int):
    return storage.send_stored(_version(item_id, None).stored_file)


@bp.route("/items/<int:item_id>/versions/<int:number>/download")
@requires(Permission.LIBRARY_READ)
def download_version(item_id: int, number: int):
    return storage.send_stored(_version(item_id, number).stored_file)


@bp.route("/items/<int:item_id>/versions/<int:number>/inline")
@requires(Permission.LIBRARY_READ)
def inline(item_id: int, number: int):
    stored = _version(item_id, number).stored_file
    if stored.kind not in INLINE_KINDS:
        raise services.NotFound()
    return storage.send_stored(stored, as_attachment=False)


@bp.route("/items/<int:item_id>/versions/<int:number>/thumbnail")
@requires(Permission.LIBRARY_READ)
def thumbnail(item_id: int, number: int):
    stored = _version(item_id, number).stored_file
    if stored.kind != "image":
        raise services.NotFound()
    if not stored.thumbnail_key:  # not made yet: the image itself, sized by the page
        return storage.send_stored(stored, as_attachment=False)
    return storage.send_thumbnail(stored)
