"""Files through the library's routes: attachment and inline headers, Range requests that
resume a download, ETags (If-None-Match gives 304), and nothing served as HTML."""

import pytest

from mediator_portal.extensions import db
from tests.core.storage_files import pdf_bytes
from tests.library.factories import make_file_item

pytestmark = pytest.mark.usefixtures("uploads")


@pytest.fixture
def document(app):
    data = pdf_bytes("Μετανάστευση " * 200)
    with app.app_context():
        item = make_file_item(data, "Οδηγός «ασύλου».pdf")
        db.session.commit()
        return item.id, data


def test_a_download_in_two_ranges_gives_the_same_bytes(logged_in, document):
    item_id, data = document
    browser = logged_in("mediator")
    url = f"/library/items/{item_id}/download"
    middle = len(data) // 2
    first = browser.get(url, headers={"Range": f"bytes=0-{middle - 1}"})
    assert first.status_code == 206
    etag = first.headers["ETag"]
    rest = browser.get(url, headers={"Range": f"bytes={middle}-", "If-Range": etag})
    assert rest.status_code == 206
    assert rest.headers["Content-Range"] == f"bytes {middle}-{len(data) - 1}/{len(data)}"
    assert first.data + rest.data == data
    assert browser.get(url).data == data


def test_if_none_match_gives_304(logged_in, document):
    item_id, _data = document
    browser = logged_in("mediator")
    for url in (
        f"/library/items/{item_id}/download",
        f"/library/items/{item_id}/versions/1/inline",
    ):
        etag = browser.get(url).headers["ETag"]
        again = browser.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b""


def test_downloads_are_attachments_with_safe_headers_and_the_greek_name(logged_in, document):
    item_id, _data = document
    browser = logged_in("mediator")
    download = browser.get(f"/library/items/{item_id}/download")
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=UTF-8''" in disposition and "%CE%9F" in disposition  # Ο of Οδηγός
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Security-Policy"] == "sandbox"
    assert "private" in download.headers["Cache-Control"]
    assert download.mimetype == "application/pdf"
    inline = browser.get(f"/library/items/{item_id}/versions/1/inline")
    assert inline.headers["Content-Disposition"].startswith("inline")
    assert inline.headers["Content-Security-Policy"] == "sandbox"


def test_a_text_file_is_never_shown_inline(app, logged_in):
    with app.app_context():
        item_id = make_file_item(b"<b>not html</b>\n", "page.txt").id
        db.session.commit()
    browser = logged_in("mediator")
    assert browser.get(f"/library/items/{item_id}/versions/1/inline").status_code == 404
    download = browser.get(f"/library/items/{item_id}/download")
    assert download.mimetype != "text/html"
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_real_client_resumes_an_interrupted_download(app, logged_in, document):
    """Through a real HTTP server (werkzeug's, in a thread) and a real client (urllib)."""
    import threading
    import urllib.request

    from werkzeug.serving import make_server

    item_id, data = document
    browser = logged_in("mediator")
    cookie = browser.get_cookie("session")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/library/items/{item_id}/download"
        headers = {"Cookie": f"session={cookie.value}"}
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:  # noqa: S310
            part = answer.read(1000)  # the connection then drops
        resume = urllib.request.Request(url, headers={**headers, "Range": "bytes=1000-"})
        with urllib.request.urlopen(resume) as answer:  # noqa: S310
            assert answer.status == 206
            rest = answer.read()
        assert part + rest == data
    finally:
        server.shutdown()
        thread.join()
