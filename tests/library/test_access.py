"""Who may do what in the library, through its routes: mediators read and never manage; an
item restricted to trainers does not exist for mediators on any route; other ids are 404."""

import pytest

from tests.library.helpers import restricted_world

pytestmark = pytest.mark.usefixtures("uploads")


def secret_routes(w) -> list[str]:
    return [
        f"/library/items/{w.secret}",
        f"/library/items/{w.secret}/versions/1",
        f"/library/items/{w.secret}/versions/2",
        f"/library/items/{w.secret}/download",
        f"/library/items/{w.secret}/versions/1/download",
        f"/library/items/{w.secret}/versions/1/inline",
        f"/library/items/{w.secret}/versions/1/thumbnail",
        f"/library/items/{w.link}",
    ]


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_an_item_for_trainers_is_not_found_by_others_on_any_route(app, logged_in, role):
    w = restricted_world(app)
    browser = logged_in(role)
    for url in secret_routes(w):
        assert browser.get(url).status_code == 404, url
    for url in ("/library/", f"/library/?section={w.section}", "/library/?q=μεταναστευση"):
        page = browser.get(url)
        assert page.status_code == 200
        assert "Μυστικό" not in page.text and "Εσωτερικός" not in page.text
        assert f"/library/items/{w.secret}" not in page.text
    home = browser.get("/")
    assert "Μυστικό" not in home.text
    assert f"/library/items/{w.public}" in home.text


def test_trainers_open_it_on_every_route(app, logged_in):
    w = restricted_world(app)
    browser = logged_in("trainer")
    for url in secret_routes(w):
        if url.endswith(("/inline", "/thumbnail")):
            continue  # a text file has no preview
        assert browser.get(url).status_code == 200, url
    assert "Μυστικό" in browser.get("/library/?q=μεταναστευση").text


def test_other_ids_are_not_found(app, logged_in):
    w = restricted_world(app)
    browser = logged_in("trainer")
    for url in (
        "/library/items/999999",
        f"/library/items/{w.public}/versions/9",
        f"/library/items/{w.public}/versions/9/download",
        "/library/items/999999/download",
        f"/library/items/{w.link}/download",
        "/library/sections/999999/edit",
    ):
        assert browser.get(url).status_code == 404, url


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_mediators_cannot_upload_edit_or_delete(app, logged_in, role):
    w = restricted_world(app)
    browser = logged_in(role)
    for url in (
        "/library/new",
        f"/library/items/{w.public}/edit",
        f"/library/items/{w.public}/replace",
        f"/library/items/{w.public}/delete",
        "/library/sections",
    ):
        assert browser.get(url).status_code == 403, url
    for url in (
        "/library/new",
        f"/library/items/{w.public}/edit",
        f"/library/items/{w.public}/delete",
        f"/library/items/{w.public}/restore",
        f"/library/items/{w.public}/purge",
        f"/library/sections/{w.section}/delete",
    ):
        assert browser.post(url, data={"title": "x"}).status_code == 403, url
    answer = browser.post(
        "/library/upload.json",
        data={"files": [(__import__("io").BytesIO(b"x\n"), "x.txt")]},
        headers={"X-CSRFToken": browser.csrf_token()},
    )
    assert answer.status_code == 403 and answer.is_json
    page = browser.get(f"/library/items/{w.public}").text
    assert "/edit" not in page and "/delete" not in page


def test_trainers_cannot_purge(app, logged_in):
    w = restricted_world(app)
    browser = logged_in("trainer")
    assert browser.post(f"/library/items/{w.public}/purge").status_code == 403
