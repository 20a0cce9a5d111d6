"""Unread tracking per person per topic, "jump to first unread", "mark all read"."""

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums.models import Category, Topic
from tests.forums.factories import bulk_posts, make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def test_reading_a_topic_clears_its_unread_marker(member, seed):
    browser = member()

    def create():
        category = make_category(name_en="Place")
        topic = make_topic(category, title="Unread topic")
        return category.id, topic.id

    category_id, topic_id = seed(create)
    index = browser.get("/forums/").text
    assert "1 topic with new posts" in index
    assert 'class="badge new">New<' in browser.get(f"/forums/c/{category_id}").text
    browser.get(f"/forums/t/{topic_id}")
    assert "with new posts" not in browser.get("/forums/").text
    assert 'class="badge new"' not in browser.get(f"/forums/c/{category_id}").text
    seed(lambda: make_post(Topic_of(topic_id), body="news"))
    category_page = browser.get(f"/forums/c/{category_id}").text
    assert ">1 new<" in category_page and f"/forums/t/{topic_id}/unread" in category_page
    topic_page = browser.get(f"/forums/t/{topic_id}").text
    assert 'class="post is-new"' in topic_page and ">New<" in topic_page


def Topic_of(topic_id):  # noqa: N802 - reads like a lookup
    return db.session.get(Topic, topic_id)


def test_jump_to_the_first_unread_post(member, seed):
    browser = member()

    def create():
        topic = make_topic()
        bulk_posts(topic, [db.session.get(User, topic.author_id)], 24)  # 25 posts: two pages
        return topic.id

    topic_id = seed(create)
    first = browser.get(f"/forums/t/{topic_id}/unread")
    assert first.location.endswith(f"/forums/t/{topic_id}?page=1#post-1")
    browser.get(f"/forums/t/{topic_id}")  # reads posts 1-20
    response = browser.get(f"/forums/t/{topic_id}/unread")
    assert response.location.endswith(f"/forums/t/{topic_id}?page=2#post-21")
    assert "Jump to the first unread post" in browser.get(f"/forums/t/{topic_id}").text
    browser.get(f"/forums/t/{topic_id}?page=2")
    done = browser.get(f"/forums/t/{topic_id}/unread")
    assert done.location.endswith(f"/forums/t/{topic_id}?page=2#post-25")


def test_mark_a_category_and_everything_read(member, seed):
    browser = member()

    def create():
        one, two = make_category(), make_category()
        for category in (one, one, two):
            make_topic(category)
        return one.id, two.id

    one, two = seed(create)
    assert "2 topics with new posts" in browser.get("/forums/").text
    assert browser.post(f"/forums/c/{one}/read").status_code == 302
    index = browser.get("/forums/").text
    assert "2 topics with" not in index and "1 topic with new posts" in index
    assert browser.post("/forums/read").status_code == 302
    assert "with new posts" not in browser.get("/forums/").text
    seed(lambda: make_topic(db.session.get(Category, two)))
    assert "1 topic with new posts" in browser.get("/forums/").text


def test_own_posts_count_as_read(member, seed):
    browser = member()
    category_id = seed(lambda: make_category().id)
    browser.post(f"/forums/c/{category_id}/new", data={"title": "Mine", "body": "text"})
    assert "with new posts" not in browser.get("/forums/").text
