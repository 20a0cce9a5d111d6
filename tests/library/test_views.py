"""The library's pages: adding links and files without JavaScript (several files, one
refused), the upload endpoint's JSON answers, editing, replacing, deleting and purging,
the seen marker and the count for trainers, and the 413 page and JSON."""

import io

import pytest
from sqlalchemy import func, select

from mediator_portal import storage
from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.library import services
from mediator_portal.library.models import LibraryItem
from tests.core.storage_files import pdf_bytes
from tests.library.conftest import files_on_disk
from tests.library.factories import make_file_item, make_link, make_section
from tests.library.helpers import restricted_world


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_trainer_adds_a_link(app, logged_in, uploads):
    browser = logged_in("trainer")
    response = browser.post(
        "/library/new",
        data={
            "kind": "link",
            "title": "Καταγραφή συνάντησης",
            "url": "https://video.example.org/watch?v=1",
            "tags": "επιμόρφωση, βίντεο",
            "languages": ["el", "ar"],
            "section": "0",
        },
    )
    assert response.status_code == 302
    page = browser.get(response.headers["Location"]).text
    assert "Καταγραφή συνάντησης" in page and "https://video.example.org/watch?v=1" in page
    assert 'rel="noopener noreferrer nofollow"' in page


def test_a_link_that_is_not_a_web_address_is_refused_beside_the_field(app, logged_in):
    browser = logged_in("trainer")
    response = browser.post(
        "/library/new",
        data={"kind": "link", "title": "Κακό", "url": "javascript:alert(1)", "section": "0"},
    )
    assert response.status_code == 400
    assert "http://" in response.text and 'class="govgr-error-message"' in response.text
    with app.app_context():
        assert count(LibraryItem) == 0


def test_several_files_at_once_make_one_item_each_titled_after_the_file(app, logged_in, uploads):
    browser = logged_in("trainer")
    response = browser.post(
        "/library/new",
        data={
            "kind": "file",
            "title": "ignored for several files",
            "files": [
                (io.BytesIO(pdf_bytes()), "Οδηγός ασύλου.pdf"),
                (io.BytesIO(b"one,two\n1,2\n"), "πίνακας.csv"),
            ],
            "section": "0",
            "tags": "οδηγοί",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        titles = sorted(db.session.scalars(select(LibraryItem.title)))
        assert titles == ["Οδηγός ασύλου", "πίνακας"]
    assert len(files_on_disk(uploads)) == 2


def test_a_refused_file_in_the_plain_form_stores_nothing(app, logged_in, uploads):
    browser = logged_in("trainer")
    response = browser.post(
        "/library/new",
        data={
            "kind": "file",
            "files": [
                (io.BytesIO(b"fine\n"), "fine.txt"),
                (io.BytesIO(b"<html><script>alert(1)</script></html>"), "evil.pdf"),
            ],
            "section": "0",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert 'class="govgr-error-message"' in response.text
    with app.app_context():
        assert count(LibraryItem) == 0 and count(storage.StoredFile) == 0
    assert files_on_disk(uploads) == []


def _json_upload(browser, data: bytes, name: str, **fields):
    return browser.post(
        "/library/upload.json",
        data={"files": [(io.BytesIO(data), name)], "section": "0", **fields},
        headers={"X-CSRFToken": browser.csrf_token(), "Accept": "application/json"},
        content_type="multipart/form-data",
        csrf=False,
    )


def test_the_upload_endpoint_answers_each_file_in_json(app, logged_in, uploads):
    browser = logged_in("trainer")
    done = _json_upload(browser, b"hello\n", "notes.txt", tags="α, β")
    assert done.status_code == 201
    assert done.json["title"] == "notes" and done.json["url"].startswith("/library/items/")
    refused = _json_upload(browser, b"MZ\x90\x00" + b"\x00" * 100, "setup.exe")
    assert refused.status_code == 400
    assert refused.json["message"] and refused.json["status"] == 400
    lying = _json_upload(browser, b"<svg onload=alert(1)></svg>", "picture.png")
    assert lying.status_code == 400
    with app.app_context():
        assert count(LibraryItem) == 1 and count(storage.StoredFile) == 1
    assert len(files_on_disk(uploads)) == 1


def test_a_file_over_the_limit_is_a_413_in_json_and_as_a_page(app, logged_in, uploads, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 1000)
    browser = logged_in("trainer")
    answer = _json_upload(browser, b"x" * 2000 + b"\n", "big.txt")
    assert answer.status_code == 413 and answer.json["status"] == 413
    assert "1 MB" in answer.json["message"] or answer.json["message"]
    page = browser.post(
        "/library/new",
        data={"kind": "file", "files": [(io.BytesIO(b"x" * 2000), "big.txt")], "section": "0"},
        content_type="multipart/form-data",
    )
    assert page.status_code == 413 and 'class="govgr-error-message"' in page.text
    # A request larger than the app takes at all is refused before any view runs.
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 5000)
    whole = browser.post(
        "/library/new",
        data={"kind": "file", "files": [(io.BytesIO(b"x" * 9000), "big.txt")], "section": "0"},
        content_type="multipart/form-data",
    )
    assert whole.status_code == 413 and "<h1" in whole.text
    whole_json = _json_upload(browser, b"x" * 9000, "big.txt")
    assert whole_json.status_code == 413 and whole_json.json["status"] == 413
    with app.app_context():
        assert count(LibraryItem) == 0
    assert files_on_disk(uploads) == []


def test_edit_replace_and_the_versions_on_the_item_page(app, logged_in, uploads):
    browser = logged_in("trainer")
    with app.app_context():
        section = make_section()
        item = make_file_item(b"one\n", "one.txt")
        db.session.commit()
        item_id, section_id = item.id, section.id
    edited = browser.post(
        f"/library/items/{item_id}/edit",
        data={
            "title": "Νέος τίτλος",
            "description": "*νέα*",
            "section": str(section_id),
            "tags": "x",
        },
    )
    assert edited.status_code == 302
    replaced = browser.post(
        f"/library/items/{item_id}/replace",
        data={"file": (io.BytesIO(b"two\n"), "two.txt"), "note": "Διόρθωση"},
        content_type="multipart/form-data",
    )
    assert replaced.status_code == 302
    page = browser.get(f"/library/items/{item_id}").text
    assert "Νέος τίτλος" in page and "<em>νέα</em>" in page
    assert "Διόρθωση" in page and "one.txt" in page and "two.txt" in page
    assert browser.get(f"/library/items/{item_id}/download").data == b"two\n"
    assert browser.get(f"/library/items/{item_id}/versions/1/download").data == b"one\n"


def test_delete_is_audited_and_purge_by_an_admin_removes_the_files(app, logged_in, uploads):
    trainer, admin, mediator = logged_in("trainer"), logged_in("admin"), logged_in("mediator")
    with app.app_context():
        item_id = make_file_item(b"data\n", "data.txt").id
        db.session.commit()
    assert trainer.get(f"/library/items/{item_id}/delete").status_code == 200
    assert trainer.post(f"/library/items/{item_id}/delete").status_code == 302
    assert mediator.get(f"/library/items/{item_id}").status_code == 404
    assert f"/library/items/{item_id}" in trainer.get("/library/?show=deleted").text
    assert trainer.get(f"/library/items/{item_id}/download").status_code == 200
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert "library.item.delete" in actions
    assert len(files_on_disk(uploads)) == 1
    assert admin.post(f"/library/items/{item_id}/purge").status_code == 302
    assert files_on_disk(uploads) == []
    assert trainer.get(f"/library/items/{item_id}").status_code == 404


def test_the_item_page_marks_it_seen_and_tells_trainers_how_many_mediators_opened(
    app, logged_in, new_client
):
    with app.app_context():
        item_id = make_link("Υλικό").id
        db.session.commit()
    first, second = logged_in("mediator"), logged_in("mediator")
    assert "Seen" not in first.get("/library/?lang=en").text
    first.get(f"/library/items/{item_id}")
    first.get(f"/library/items/{item_id}")
    second.get(f"/library/items/{item_id}")
    assert ">Seen<" in first.get("/library/?lang=en").text
    trainer = logged_in("trainer")
    page = trainer.get(f"/library/items/{item_id}?lang=en").text
    assert "2 mediators" in page
    assert "Opened by" not in first.get(f"/library/items/{item_id}?lang=en").text


def test_new_items_are_marked_since_the_last_visit(app, logged_in):
    browser = logged_in("mediator")
    with app.app_context():
        make_link("Πρώτο")
        db.session.commit()
    page = browser.get("/library/?lang=en").text
    assert page.count('class="badge new"') == 1  # added since the account was made
    with app.app_context():
        from mediator_portal.library.models import LibraryVisit

        visit = db.session.get(LibraryVisit, browser.user.id)
        visit.last_visit_at = visit.last_visit_at.replace(year=visit.last_visit_at.year - 1)
        visit.previous_visit_at = None
        db.session.commit()
        make_link("Δεύτερο")
        db.session.commit()
    page = browser.get("/library/?lang=en").text
    assert page.count('class="badge new"') == 2  # both came after the last visit, a year ago


def test_the_list_filters_combine_in_the_query_string_and_pagination_keeps_them(app, logged_in):
    with app.app_context():
        section = make_section("Νομικά")
        for number in range(services.PER_PAGE + 3):
            make_link(f"Νόμος {number}", section=section.id, tags="νόμος", languages=["el"])
        make_link("Άλλο", tags="νόμος", languages=["el"])
        db.session.commit()
        section_id = section.id
    browser = logged_in("mediator")
    page = browser.get(f"/library/?section={section_id}&tag=νομος&language=el&lang=en").text
    assert "Άλλο" not in page and "Νόμος 22" in page
    assert f"section={section_id}" in page and "page=2" in page
    second = browser.get(f"/library/?section={section_id}&tag=νομος&language=el&page=2").text
    assert "Νόμος 0" in second and "Νόμος 22" not in second
    assert browser.get("/library/?page=99").status_code == 404
    assert browser.get("/library/?language=xx&section=abc").status_code == 200


def test_sections_are_managed_by_trainers(app, logged_in):
    browser = logged_in("trainer")
    assert (
        browser.post(
            "/library/sections", data={"name_el": "Υγεία", "name_en": "Health"}
        ).status_code
        == 302
    )
    page = browser.get("/library/sections").text
    assert "Υγεία" in page and "Health" in page
    with app.app_context():
        section_id = services.all_sections(db.session)[0].id
    assert browser.post(f"/library/sections/{section_id}/delete").status_code == 302
    with app.app_context():
        assert services.all_sections(db.session) == []


@pytest.mark.parametrize("lang", ["el", "en"])
def test_every_library_page_renders_in_both_languages(app, logged_in, uploads, lang):
    w = restricted_world(app)
    browser = logged_in("admin")
    for url in (
        "/library/",
        "/library/?q=μετανάστευση",
        f"/library/items/{w.secret}",
        f"/library/items/{w.secret}/versions/1",
        f"/library/items/{w.link}",
        "/library/new",
        f"/library/items/{w.public}/edit",
        f"/library/items/{w.public}/replace",
        f"/library/items/{w.public}/delete",
        "/library/sections",
        f"/library/sections/{w.section}/edit",
    ):
        response = browser.get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
        assert response.status_code == 200, url
        assert f'<html lang="{lang}">' in response.text


def test_malformed_bodies_to_the_upload_endpoint_get_a_json_error_and_store_nothing(
    app, logged_in, uploads
):
    from tests.forums.test_malformed_json import BODIES

    browser = logged_in("trainer")
    headers = {"X-CSRFToken": browser.csrf_token(), "Accept": "application/json"}
    for body in BODIES:
        for content_type in ("application/json", "multipart/form-data; boundary=x", "text/plain"):
            response = browser.post(
                "/library/upload.json",
                data=body,
                headers={**headers, "Content-Type": content_type},
                csrf=False,
            )
            assert 400 <= response.status_code < 500, (body, content_type, response.status_code)
            assert response.is_json and response.json["message"], (body, content_type)
    two = browser.post(
        "/library/upload.json",
        data={"files": [(io.BytesIO(b"a\n"), "a.txt"), (io.BytesIO(b"b\n"), "b.txt")]},
        headers=headers,
        content_type="multipart/form-data",
        csrf=False,
    )
    assert two.status_code == 400 and two.json["message"]
    with app.app_context():
        assert count(LibraryItem) == 0 and count(storage.StoredFile) == 0
    assert files_on_disk(uploads) == []


def test_the_navigation_counts_what_was_added_since_my_last_visit(app, logged_in):
    browser = logged_in("mediator")
    with app.app_context():
        make_link("Ένα")
        make_link("Δύο")
        make_link("Για εκπαιδευτές", visible_to=["trainer"])
        db.session.commit()
    home = browser.get("/?lang=en").text
    assert "(2 new items in the library)" in home
    browser.get("/library/")  # a visit
    assert "new items in the library" not in browser.get("/?lang=en").text
    with app.app_context():
        make_link("Τρία")
        db.session.commit()
    assert "(1 new item in the library)" in browser.get("/?lang=en").text
