"""Reactions: a fixed set, one of each per person per post, toggled with or without JavaScript."""

import pytest
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.forums.models import Post, Reaction
from tests.forums.factories import make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

JSON = {"Accept": "application/json"}


@pytest.fixture
def post_id(seed):
    return seed(lambda: make_post(make_topic(), body="Χρήσιμο").id)


@pytest.mark.parametrize("role", ("mediator", "supervisor", "trainer", "admin"))
def test_a_reaction_toggles_without_javascript(member, post_id, app, role):
    browser = member(role)
    response = browser.post(f"/forums/p/{post_id}/react", data={"kind": "thanks"})
    assert response.status_code == 302 and response.location.endswith("#post-2")
    page = browser.get(response.location).text
    assert 'value="thanks" class="reaction" aria-pressed="true"' in page
    assert browser.post(f"/forums/p/{post_id}/react", data={"kind": "thanks"}).status_code == 302
    with app.app_context():
        assert db.session.query(Reaction).count() == 0


def test_a_reaction_answers_json_for_the_live_layer(member, post_id):
    first, second = member(), member()
    on = first.post(f"/forums/p/{post_id}/react", data={"kind": "like"}, headers=JSON)
    assert on.status_code == 200
    assert on.json == {
        "post_id": post_id,
        "kind": "like",
        "on": True,
        "counts": {"like": 1},
        "mine": ["like"],
    }
    both = second.post(f"/forums/p/{post_id}/react", data={"kind": "like"}, headers=JSON).json
    assert both["counts"] == {"like": 2}
    heart = second.post(f"/forums/p/{post_id}/react", data={"kind": "heart"}, headers=JSON).json
    assert heart["counts"] == {"like": 2, "heart": 1} and heart["mine"] == ["heart", "like"]
    off = first.post(f"/forums/p/{post_id}/react", data={"kind": "like"}, headers=JSON).json
    assert off["on"] is False and off["counts"] == {"like": 1, "heart": 1}


@pytest.mark.parametrize("kind", ["", "angry", "LIKE", "like ", "<script>", "x" * 100])
def test_a_reaction_outside_the_set_is_refused(member, post_id, kind, app):
    browser = member()
    page = browser.post(f"/forums/p/{post_id}/react", data={"kind": kind})
    assert page.status_code == 400 and "This reaction does not exist." in page.text
    data = browser.post(f"/forums/p/{post_id}/react", data={"kind": kind}, headers=JSON)
    assert data.status_code == 400 and data.json["message"] == "This reaction does not exist."
    with app.app_context():
        assert db.session.query(Reaction).count() == 0


def test_deleted_posts_take_no_reactions(member, post_id, seed):
    def delete():
        post = db.session.get(Post, post_id)
        from mediator_portal.database import utcnow

        post.deleted_at = utcnow()

    seed(delete)
    response = member().post(f"/forums/p/{post_id}/react", data={"kind": "like"}, headers=JSON)
    assert response.status_code == 409


def test_unknown_posts_are_404(member):
    assert member().post("/forums/p/999999/react", data={"kind": "like"}).status_code == 404


def test_counts_are_shown_on_the_page(member, post_id, seed, app):
    def react():
        post = db.session.get(Post, post_id)
        db.session.add(Reaction(post_id=post.id, user_id=post.author_id, kind="idea"))

    seed(react)
    page = member().get(f"/forums/t/{db_topic(app, post_id)}").text
    assert '<span class="count" data-count="1">1</span>' in page


def db_topic(app, post_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(Post.topic_id).where(Post.id == post_id))
