"""Drafts: saved on the server for their author, restored in the form, cleared by posting."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.forums.models import BODY_MAX, Draft
from tests.factories import make_user
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


@pytest.fixture
def ids(seed):
    def create():
        category = make_category()
        topic = make_topic(category)
        secret = make_topic(make_category(visible_to="admin"), author=make_user("admin"))
        return {"category": category.id, "topic": topic.id, "secret": secret.id}

    return seed(create)


def test_reply_draft_round_trip(member, ids):
    browser = member()
    url = f"/forums/drafts/topic/{ids['topic']}"
    assert browser.get(url).json == {"title": "", "body": "", "updated_at": None}
    saved = browser.post(url, data={"body": "μισή απάντηση"})
    assert saved.status_code == 200 and saved.json["body"] == "μισή απάντηση"
    assert browser.post(url, data={"body": "ολόκληρη"}).status_code == 200
    assert browser.get(url).json["body"] == "ολόκληρη"
    assert "ολόκληρη</textarea>" in browser.get(f"/forums/t/{ids['topic']}").text
    assert member().get(url).json["body"] == ""  # someone else's drafts stay theirs
    assert browser.delete(url).json == {"deleted": True}
    assert browser.delete(url).json == {"deleted": False}
    assert browser.get(url).json["body"] == ""


def test_json_drafts_and_new_topic_drafts(member, ids, app):
    browser = member()
    url = f"/forums/drafts/category/{ids['category']}"
    token = browser.csrf_token()
    saved = browser.post(
        url, json={"title": "Τίτλος", "body": "Κείμενο"}, headers={"X-CSRFToken": token}, csrf=False
    )
    assert saved.status_code == 200 and saved.json["title"] == "Τίτλος"
    form = browser.get(f"/forums/c/{ids['category']}/new").text
    assert 'value="Τίτλος"' in form and "Κείμενο</textarea>" in form
    posted = browser.post(
        f"/forums/c/{ids['category']}/new", data={"title": "Τίτλος", "body": "Κείμενο"}
    )
    assert posted.status_code == 302
    with app.app_context():
        assert db.session.query(Draft).count() == 0


def test_posting_a_reply_clears_its_draft(member, ids, app):
    browser = member()
    browser.post(f"/forums/drafts/topic/{ids['topic']}", data={"body": "draft"})
    assert (
        browser.post(f"/forums/t/{ids['topic']}/reply", data={"body": "draft"}).status_code == 302
    )
    with app.app_context():
        assert db.session.query(Draft).count() == 0


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_drafts_of_invisible_or_unknown_places_are_json_404(member, ids, method):
    browser = member()
    for url in (
        f"/forums/drafts/topic/{ids['secret']}",
        "/forums/drafts/topic/999999",
        "/forums/drafts/category/999999",
    ):
        response = getattr(browser, method)(url, data={"body": "x"} if method != "get" else None)
        assert response.status_code == 404 and response.json["status"] == 404, url
    assert browser.get("/forums/drafts/post/1").status_code == 404


def test_oversize_drafts_are_refused_with_json(member, ids):
    response = member().post(
        f"/forums/drafts/topic/{ids['topic']}", data={"body": "x" * (BODY_MAX + 1)}
    )
    assert response.status_code == 422 and response.json["message"]


def test_drafts_need_a_csrf_token_and_a_session(member, client, ids):
    url = f"/forums/drafts/topic/{ids['topic']}"
    assert member().post(url, data={"body": "x"}, csrf=False).status_code == 400
    anonymous = client.post(
        url, json={"body": "x"}, headers={"Accept": "application/json"}, csrf=False
    )
    assert anonymous.status_code in (400, 401)
