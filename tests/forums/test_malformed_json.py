"""Malformed bodies sent to every endpoint that takes JSON get a 4xx JSON error, and change
nothing that is stored: not JSON, null, empty, scalars, lists, fields of the wrong type,
unknown fields, text longer than allowed. A draft is never wiped by a bad request."""

import json

import pytest
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.forums import services
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

BODIES = [
    "not json at all",
    "null",
    "",
    "123",
    '"text"',
    "true",
    "[1, 2]",
    '[{"body": "x"}]',
    "{",
    '{"body": 5}',
    '{"body": null}',
    '{"body": ["x"]}',
    '{"body": {"x": 1}}',
    '{"body": true}',
    '{"body": "ok", "title": 7}',
    '{"body": "ok", "unexpected": 1}',
    '{"title": "no body"}',
    '{"kind": 5}',
    json.dumps({"body": "x" * 100_000}),
    json.dumps({"body": "ok", "title": "t" * 10_000}),
]


@pytest.fixture
def board(member, seed):
    """A member with drafts already saved, and the ids of a category, a topic and a post."""
    browser = member("mediator")

    def create():
        category = make_category()
        topic = make_topic(category, title="Θέμα")
        post = make_post(topic)
        viewer = account(browser)
        services.save_draft(db.session, viewer, topic=topic, body="Μισή απάντηση")
        services.save_draft(db.session, viewer, category=category, title="Τ", body="Νέο θέμα")
        return {"category": category.id, "topic": topic.id, "post": post.id}

    return browser, seed(create)


def _endpoints(ids: dict) -> dict[str, str]:
    """Every endpoint that takes a JSON body, by name, with the URL to post to."""
    return {
        "forums.draft/topic": f"/forums/drafts/topic/{ids['topic']}",
        "forums.draft/category": f"/forums/drafts/category/{ids['category']}",
        "forums.preview": "/forums/preview",
        "forums.react": f"/forums/p/{ids['post']}/react",
        "forums.reply": f"/forums/t/{ids['topic']}/reply",
        "forums.new_topic": f"/forums/c/{ids['category']}/new",
        "forums.upload_attachment": "/forums/attachments",
    }


def _snapshot() -> dict:
    """Every row of every table, as plain values."""
    return {
        table.name: sorted(map(repr, db.session.execute(select(table)).all()))
        for table in db.metadata.sorted_tables
        if table.name != "login_sessions"  # its last use is noted on the side
    }


def test_every_json_endpoint_is_in_the_table(app, board):
    json_views = {
        endpoint
        for endpoint, view in app.view_functions.items()
        if getattr(view, "answers_json", False)
    }
    covered = {name.split("/")[0] for name in _endpoints(board[1])}
    # GET endpoints that take no body: the live posts, a topic's state, the unread
    # notifications count, the people to mention; training's similar titles, a proposal
    # and its private notes.
    gets = {
        "forums.live_posts",
        "forums.topic_state",
        "notifications.unread",
        "notifications.mentions",
        "training.similar",
        "training.proposal_json",
        "training.notes_json",
    }
    # Multipart uploads, with their malformed bodies in tests/library/test_views.py.
    uploads = {"library.upload"}
    assert json_views - gets - uploads <= covered


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_a_malformed_body_gets_a_json_error_and_changes_nothing(app, board, body):
    browser, ids = board
    with app.app_context():
        before = _snapshot()
    headers = {"Content-Type": "application/json", "X-CSRFToken": browser.csrf_token()}
    for name, url in _endpoints(ids).items():
        response = browser.post(url, data=body, headers=headers, csrf=False)
        assert 400 <= response.status_code < 500, (name, body, response.status_code)
        assert response.is_json and response.json["message"], (name, body)
    with app.app_context():
        assert _snapshot() == before


def test_a_draft_keeps_its_text_after_a_bad_request_and_takes_a_good_one(app, board):
    browser, ids = board
    url = f"/forums/drafts/topic/{ids['topic']}"
    headers = {"X-CSRFToken": browser.csrf_token()}
    assert browser.post(url, json=["oops"], headers=headers, csrf=False).status_code == 400
    assert browser.get(url).json["body"] == "Μισή απάντηση"
    saved = browser.post(url, json={"body": ""}, headers=headers, csrf=False)
    assert saved.status_code == 200 and browser.get(url).json["body"] == ""  # cleared on purpose
