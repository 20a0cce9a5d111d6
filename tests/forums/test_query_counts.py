"""Pages run a fixed number of SQL queries, whatever the amount of data.

The category list and a category page with 200 topics, the Latest, Unread and New lists,
the home page with its panels, and a topic page of a 500-post topic, run as many queries
as with 5 topics and 5 posts, and no more than their budget.
"""

import pytest
from sqlalchemy import insert, select

from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Reaction, Topic, TopicRead
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import bulk_posts, bulk_topics, make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

# Every page starts with the login session and its account (one query), and its navigation
# counts (unread and new topics, open reports for moderators: one query for all). The topic
# page then loads the topic with the viewer's read position and draft, its posts with their
# authors, the reactions of those posts and their attachments (one query for all: see
# tests/forums/test_attachments_pages.py); quoting adds the quoted post. A topic list
# loads its total and its rows; home the account with its municipality and region (1) and
# one query per panel (unread, latest, drafts; the library's newest items; training's new
# answers, my next session; supervision's next session). The topic and
# category pages also read the viewer's watching level for their watch control
# (notifications.services.watch_control): one query each.
BUDGET = {
    "index": 3,
    "category": 7,
    "topic": 7,
    "topic_last_page": 7,
    "quote": 8,
    "latest": 4,
    "unread": 4,
    "new": 4,
    "home": 10,
}


def build(seed, browser, *, topics: int, posts: int) -> dict:
    """Categories with `topics` topics in one of them and a topic of `posts` posts, with
    reactions and read positions of the viewer, so every kind of row is loaded."""

    def create():
        viewer = account(browser)
        authors = [make_user("mediator") for _ in range(5)]
        big = make_category()
        make_category(visible_to="trainer,admin")
        for _ in range(3):
            make_topic(make_category(), author=authors[0])
        bulk_topics(big, authors[1], topics - 1)
        topic = make_topic(big, author=authors[2])
        bulk_posts(topic, authors, posts - 1)
        post_ids = db.session.scalars(select(Post.id).where(Post.topic_id == topic.id)).all()
        db.session.execute(
            insert(Reaction),
            [
                {"post_id": pid, "user_id": authors[i % 5].id, "kind": "like"}
                for i, pid in enumerate(post_ids)
            ]
            + [{"post_id": pid, "user_id": viewer.id, "kind": "heart"} for pid in post_ids[::2]],
        )
        db.session.add(TopicRead(user_id=viewer.id, topic_id=topic.id, last_read_number=3))
        # Read positions behind the last post (Unread) on every other topic of the big
        # category but a few left never opened (New), and drafts.
        others = db.session.scalars(
            select(Topic.id).where(Topic.category_id == big.id, Topic.id != topic.id)
        ).all()
        db.session.execute(
            insert(TopicRead),
            [
                {"user_id": viewer.id, "topic_id": tid, "last_read_number": 0}
                for tid in others[: len(others) // 2]
            ],
        )
        services.save_draft(db.session, viewer, topic=topic, body="Μισή απάντηση")
        services.save_draft(db.session, viewer, category=big, title="Νέο", body="Κείμενο")
        return {"category": big.id, "topic": topic.id}

    return seed(create)


def measure(count_queries, browser, url: str) -> int:
    """How many statements the page runs (after a first view that moves the read position)."""
    browser.get(url)
    with count_queries() as statements:
        response = browser.get(url)
    assert response.status_code == 200
    return len(statements)


@pytest.fixture
def sizes(member, seed, count_queries):
    """Query counts of the three pages for a small and a big board, by page name."""
    result = {}
    for label, topics, posts in (("small", 5, 5), ("big", 200, 500)):
        browser = member("mediator")
        ids = build(seed, browser, topics=topics, posts=posts)
        result[label] = {
            "index": measure(count_queries, browser, "/forums/"),
            "category": measure(count_queries, browser, f"/forums/c/{ids['category']}"),
            "topic": measure(count_queries, browser, f"/forums/t/{ids['topic']}"),
            "topic_last_page": measure(
                count_queries, browser, f"/forums/t/{ids['topic']}?page={(posts + 19) // 20}"
            ),
            "quote": measure(count_queries, browser, f"/forums/t/{ids['topic']}?quote=1"),
            "latest": measure(count_queries, browser, "/forums/latest"),
            "unread": measure(count_queries, browser, "/forums/unread"),
            "new": measure(count_queries, browser, "/forums/new"),
            "home": measure(count_queries, browser, "/"),
        }
    return result


def test_pages_run_a_fixed_number_of_queries(sizes):
    print("query counts:", sizes)
    assert sizes["small"] == sizes["big"]
    over = {name: count for name, count in sizes["big"].items() if count > BUDGET[name]}
    assert over == {}, f"over budget {BUDGET}"


def test_a_moderator_s_pages_count_reports_in_the_same_query(member, seed, count_queries):
    """A trainer's navigation also counts open reports: still one query for all counts."""
    browser = member("trainer")
    ids = build(seed, browser, topics=5, posts=5)
    assert measure(count_queries, browser, "/forums/") == BUDGET["index"]
    assert measure(count_queries, browser, f"/forums/c/{ids['category']}") == BUDGET["category"]
