"""Sending a stored file back, after the view has checked who may read it.

Range requests (206) let an interrupted download resume and a video seek; the ETag is the
file's SHA-256, so `If-None-Match` answers 304. The headers keep a browser from treating
the file as a page of the site: `Content-Disposition: attachment` (or `inline` for
previews) with an RFC 6266 `filename*` in UTF-8 and an ASCII fallback,
`X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox` (no script, no
same-origin access even if a browser did render it) and `Cache-Control: private` (no
shared cache keeps a file that may be restricted). The app's after_request hook only
adds headers that are missing (security.py), so these stand.
"""

from flask import Response, abort, send_file

from mediator_portal.storage_models import StoredFile


def send_stored(
    stored: StoredFile, *, as_attachment: bool = True, download_name: str | None = None
) -> Response:
    """The file of `stored` as a response; 404 when it is no longer on disk."""
    from mediator_portal.storage import stored_path

    path = stored_path(stored)
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=stored.content_type.split(";")[0],  # send_file adds the charset of text
        as_attachment=as_attachment,
        download_name=download_name or stored.original_name,
        conditional=True,
        etag=stored.sha256,
        max_age=0,
    )
    return _protect(response)


def send_thumbnail(stored: StoredFile) -> Response:
    """The thumbnail of `stored` (an image; WebP, inline); 404 when it has none (yet)."""
    from mediator_portal.storage import file_path

    if not stored.thumbnail_key:
        abort(404)
    path = file_path(stored.thumbnail_key)
    if not path.is_file():
        abort(404)
    stem = stored.original_name.rsplit(".", 1)[0]
    response = send_file(
        path,
        mimetype="image/webp",
        download_name=f"{stem}.webp",
        conditional=True,
        etag=stored.thumbnail_key,
        max_age=0,
    )
    return _protect(response)


def _protect(response: Response) -> Response:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.cache_control.public = False
    response.cache_control.private = True
    return response
