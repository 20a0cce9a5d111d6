"""Serving a stored file: ranges resume a download, ETags answer 304, the headers keep a
browser from running or sniffing it, and the app's own headers do not replace them."""

import pytest
from werkzeug.exceptions import NotFound

from mediator_portal import storage
from mediator_portal.extensions import db
from mediator_portal.file_names import ascii_name
from tests.core.storage_files import pdf_bytes, upload

pytestmark = pytest.mark.usefixtures("uploads")


@pytest.fixture
def stored(app_ctx):
    data = pdf_bytes() * 3
    stored = storage.store_upload(db.session, upload(data, "Οδηγός ασύλου 2026.pdf"), user_id=None)
    db.session.commit()
    return stored, data


def served(app, stored, headers=None, **options):
    """The response the app would send for `stored`, after its after_request hooks."""
    with app.test_request_context("/files/x", headers=headers or {}) as context:
        response = app.process_response(storage.send_stored(stored, **options))
        body_parts, _status, _headers = response.get_wsgi_response(context.request.environ)
        body = b"".join(body_parts)
        response.close()
    return response, body


def test_a_download_in_two_ranges_gives_the_same_bytes(app, stored):
    stored, data = stored
    middle = len(data) // 2
    first, head = served(app, stored, {"Range": f"bytes=0-{middle - 1}"})
    second, tail = served(app, stored, {"Range": f"bytes={middle}-"})
    assert (first.status_code, second.status_code) == (206, 206)
    assert second.headers["Content-Range"] == f"bytes {middle}-{len(data) - 1}/{len(data)}"
    assert head + tail == data
    assert first.headers["Accept-Ranges"] == "bytes"


def test_if_none_match_answers_304(app, stored):
    stored, data = stored
    full, body = served(app, stored)
    assert full.status_code == 200 and body == data
    assert full.headers["ETag"] == f'"{stored.sha256}"'
    again, body = served(app, stored, {"If-None-Match": full.headers["ETag"]})
    assert again.status_code == 304 and body == b""
    changed, _ = served(app, stored, {"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


def test_the_headers_of_a_download(app, stored):
    stored, _ = stored
    response, _ = served(app, stored)
    headers = response.headers
    assert headers["Content-Type"] == "application/pdf"
    disposition = headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%CE%9F%CE%B4%CE%B7%CE%B3%CF%8C%CF%82" in disposition
    assert 'filename="' in disposition and disposition.isascii()  # the ASCII fallback
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "sandbox"  # not the pages' policy
    assert "private" in headers["Cache-Control"] and "public" not in headers["Cache-Control"]


def test_a_preview_is_inline_and_may_be_renamed(app, stored):
    stored, _ = stored
    response, _ = served(app, stored, as_attachment=False, download_name="προεπισκόπηση.pdf")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert "%CF%80%CF%81%CE%BF" in disposition
    assert response.headers["Content-Security-Policy"] == "sandbox"


def test_text_is_served_as_utf8_text_never_as_a_page(app_ctx, app):
    stored = storage.store_upload(db.session, upload("Γεια\n".encode(), "a.txt"), user_id=None)
    db.session.commit()
    response, body = served(app, stored, as_attachment=False)
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body == "Γεια\n".encode()


def test_a_file_gone_from_disk_is_404_not_500(app, stored):
    stored, _ = stored
    storage.stored_path(stored).unlink()
    with app.test_request_context("/files/x"), pytest.raises(NotFound):
        storage.send_stored(stored)


def test_a_thumbnail_is_served_inline_as_webp(app_ctx, app):
    from mediator_portal import storage_jobs
    from tests.core.storage_files import png_bytes

    stored = storage.store_upload(
        db.session, upload(png_bytes((900, 900)), "εικόνα.png"), user_id=None
    )
    db.session.commit()
    with app.test_request_context("/"), pytest.raises(NotFound):
        storage.send_thumbnail(stored)  # not made yet
    storage_jobs.make_thumbnail(stored.id)
    db.session.refresh(stored)
    with app.test_request_context("/") as context:
        response = app.process_response(storage.send_thumbnail(stored))
        body = b"".join(response.get_wsgi_response(context.request.environ)[0])
        response.close()
    assert response.headers["Content-Type"] == "image/webp"
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert body.startswith(b"RIFF") and b"WEBP" in body[:16]


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("Οδηγός.pdf", "Odigos.pdf"),
        ("Έντυπο αίτησης ασύλου.TXT", "Entypo aitisis asylou.TXT"),
        ("Ψυχική υγεία — Οδηγός.docx", "Psychiki ygeia - Odigos.docx"),
        ("日本.pdf", "file.pdf"),
        ("café.pdf", "cafe.pdf"),
    ],
)
def test_the_ascii_fallback_name_is_transliterated(name, fallback):
    assert ascii_name(name) == fallback


def test_an_ascii_name_has_no_utf8_form(app, stored):
    stored, _ = stored
    response, _ = served(app, stored, download_name='plain "name".pdf')
    assert response.headers["Content-Disposition"] == 'attachment; filename="plain \\"name\\".pdf"'
