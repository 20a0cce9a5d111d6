"""Sending a stored file back: ranges, ETags, attachment names, and no sniffing."""

from flask import Response, send_file

from mediator_portal.storage_models import StoredFile


def send_stored(
    stored: StoredFile, *, as_attachment: bool = True, download_name: str | None = None
) -> Response:
    """The file of `stored` as a response (Range and If-None-Match answered)."""
    from mediator_portal.storage import stored_path

    response = send_file(
        stored_path(stored),
        mimetype=stored.content_type,
        as_attachment=as_attachment,
        download_name=download_name or stored.original_name,
        conditional=True,
        etag=stored.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.cache_control.public = False
    response.cache_control.private = True
    return response
