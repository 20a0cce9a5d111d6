"""The HTTP fragments behind the live updates: the page's partial, the viewer's permissions."""

from types import SimpleNamespace

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Topic
from tests.factories import make_user
from tests.forums.factories import bulk_posts, make_category, make_post, make_topic

JSON = {"Accept": "application/json"}


@pytest.fixture
def board(app):
    """An open topic with three posts (the second hidden) and a topic restricted to trainers."""
    with app.app_context():
        trainer = make_user("trainer")
        author = make_user("mediator", name="Ομίντ Ρεζαΐ")
        topic = make_topic(make_category(), author=trainer, body="Πρώτο")
        hidden = make_post(topic, author=author, body="Κρυφό κείμενο με ΑΜΚΑ")
        make_post(topic, author=author, body="Τρίτο **μήνυμα**")
        services.hide_post(db.session, hidden, actor=trainer, reason="Προσωπικά δεδομένα")
        closed = make_topic(make_category(visible_to="trainer,admin"), author=trainer)
        db.session.commit()
        return SimpleNamespace(topic=topic.id, closed=closed.id, hidden_post=hidden.id)


def fetch(browser, topic_id, **params):
    return browser.get(f"/forums/t/{topic_id}/posts", query_string=params, headers=JSON)


def test_posts_after_a_number_come_rendered_with_the_page_partial(board, logged_in):
    response = fetch(logged_in("mediator"), board.topic, after=1)

    assert response.status_code == 200
    data = response.get_json()
    assert data["topic_id"] == board.topic
    assert data["last_number"] == 3
    assert [post["number"] for post in data["posts"]] == [2, 3]
    third = data["posts"][1]["html"]
    assert third.lstrip().startswith('<article class="post')
    assert 'id="post-3"' in third
    assert "<strong>μήνυμα</strong>" in third
    assert "Ομίντ Ρεζαΐ" in third


def test_one_post_by_number(board, logged_in):
    data = fetch(logged_in("mediator"), board.topic, number=3).get_json()
    assert [post["number"] for post in data["posts"]] == [3]
    assert fetch(logged_in("mediator"), board.topic, number=99).get_json()["posts"] == []


def test_hidden_posts_are_placeholders_for_members_and_shown_to_moderators(board, logged_in):
    member = fetch(logged_in("mediator"), board.topic, number=2).get_json()["posts"][0]["html"]
    moderator = fetch(logged_in("trainer"), board.topic, number=2).get_json()["posts"][0]["html"]

    assert "ΑΜΚΑ" not in member
    assert "Προσωπικά δεδομένα" not in member  # the reason is for moderators too
    assert "post-placeholder" in member
    assert "ΑΜΚΑ" in moderator


@pytest.mark.parametrize("params", [{"after": 0}, {"number": 1}])
def test_a_topic_the_person_may_not_see_is_not_found(board, logged_in, params):
    response = fetch(logged_in("mediator"), board.closed, **params)
    assert response.status_code == 404
    assert response.get_json()["status"] == 404
    assert fetch(logged_in("admin"), board.closed, **params).status_code == 200


def test_a_hidden_topic_is_not_found_for_members(app, board, logged_in):
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        trainer = db.session.get(User, topic.author_id)
        services.hide_topic(db.session, topic, actor=trainer, reason="Εκτός θέματος")
        db.session.commit()
    assert fetch(logged_in("mediator"), board.topic, after=0).status_code == 404
    assert fetch(logged_in("trainer"), board.topic, after=0).status_code == 200


def test_unknown_topic_is_not_found(logged_in):
    assert fetch(logged_in("mediator"), 999_999, after=0).status_code == 404


@pytest.mark.parametrize(
    "params",
    [{}, {"after": -1}, {"after": "x"}, {"number": 0}, {"number": "2a"}, {"after": 1, "number": 2}],
    ids=repr,
)
def test_bad_arguments_get_a_json_400(board, logged_in, params):
    response = fetch(logged_in("mediator"), board.topic, **params)
    assert response.status_code == 400
    assert response.get_json()["status"] == 400


def test_anonymous_visitors_get_401_as_json_whatever_they_accept(board, client):
    assert fetch(client, board.topic, after=0).status_code == 401
    page = client.get(f"/forums/t/{board.topic}/posts?after=0")  # a JSON-only endpoint
    assert page.status_code == 401 and page.json["status"] == 401


def test_mark_counts_the_posts_on_screen_as_read(app, board, logged_in):
    browser = logged_in("mediator")
    fetch(browser, board.topic, after=0)
    with app.app_context():
        user = db.session.get(User, browser.user.id)
        topic = db.session.get(Topic, board.topic)
        assert services.last_read_number(db.session, user, topic) == 0

    fetch(browser, board.topic, after=1, mark=1)

    with app.app_context():
        user = db.session.get(User, browser.user.id)
        topic = db.session.get(Topic, board.topic)
        assert services.last_read_number(db.session, user, topic) == 3


def test_catch_up_runs_a_fixed_number_of_queries(app, board, logged_in, count_queries):
    browser = logged_in("mediator")
    fetch(browser, board.topic, after=0)  # warm up the login session and the topic
    with count_queries() as few:
        assert len(fetch(browser, board.topic, after=0).get_json()["posts"]) == 3
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        bulk_posts(topic, [db.session.get(User, topic.author_id)], 60)
        db.session.commit()
    with count_queries() as many:
        assert len(fetch(browser, board.topic, after=0).get_json()["posts"]) == 63
    assert len(many) == len(few)


def test_catch_up_is_limited_to_one_batch(app, board, logged_in):
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        bulk_posts(topic, [db.session.get(User, topic.author_id)], 150)
        db.session.commit()
        last = db.session.scalar(
            db.select(db.func.max(Post.number)).where(Post.topic_id == topic.id)
        )
    posts = fetch(logged_in("mediator"), board.topic, after=0).get_json()["posts"]
    assert len(posts) == 100
    assert posts[-1]["number"] < last
