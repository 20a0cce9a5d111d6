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

from urllib.parse import quote

from flask import Response, abort, send_file

from mediator_portal.file_names import ascii_name
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
        conditional=True,
        etag=stored.sha256,
        max_age=0,
    )
    return _protect(response, download_name or stored.original_name, as_attachment)


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
        path, mimetype="image/webp", conditional=True, etag=stored.thumbnail_key, max_age=0
    )
    return _protect(response, f"{stem}.webp", as_attachment=False)


def _protect(response: Response, name: str, as_attachment: bool) -> Response:
    """The download name (RFC 6266: `filename*` in UTF-8, and an ASCII `filename` with Greek
    transliterated for old clients) and the headers that keep the file from acting as a
    page of the site."""
    names = {"filename": ascii_name(name)}
    if names["filename"] != name:
        names["filename*"] = "UTF-8''" + quote(name, safe="!#$&+-.^_`|~")
    response.headers.set(
        "Content-Disposition", "attachment" if as_attachment else "inline", **names
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.cache_control.public = False
    response.cache_control.private = True
    return response
