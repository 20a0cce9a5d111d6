"""Latest, Unread and New across categories; the counts per topic, in the tabs and in the
navigation (unread topics for everyone, open reports for moderators)."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Topic
from mediator_portal.forums.services.pages import TOPICS_PER_PAGE
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import bulk_topics, make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def board(browser):
    """Topics of every kind for the reader of `browser` (created before them, so after)."""
    reader = account(browser)
    general = make_category(name_en="General")
    secret = make_category(name_en="Trainers only", visible_to="trainer,admin")
    opened = make_topic(general, title="Opened with replies")
    services.mark_read(db.session, reader, opened, 1)
    make_post(opened, body="one")
    make_post(opened, body="two")
    read = make_topic(general, title="Read to the end")
    services.mark_read(db.session, reader, read, 1)
    fresh = make_topic(general, title="Never opened")
    old = make_topic(general, title="Older than the reader")
    db.session.execute(
        update(Topic)
        .where(Topic.id == old.id)
        .values(created_at=reader.created_at - timedelta(days=3))
    )
    hidden = make_topic(general, title="Hidden topic")
    hidden.hidden = True
    make_topic(secret, title="Restricted topic")
    return {"opened": opened.id, "fresh": fresh.id, "general": general.id, "hidden": hidden.id}


def titles(html: str) -> list[str]:
    return re.findall(r'class="topic-title"[^>]*>([^<]+)<', html)


def test_the_three_lists_hold_what_they_say(member, seed):
    browser = member()
    ids = seed(lambda: board(browser))
    latest = browser.get("/forums/latest").text
    assert set(titles(latest)) == {
        "Opened with replies",
        "Read to the end",
        "Never opened",
        "Older than the reader",
    }
    assert "Restricted topic" not in latest and "Hidden topic" not in latest
    assert 'class="topic-category"' in latest and ">General<" in latest
    unread = browser.get("/forums/unread").text
    assert titles(unread) == ["Opened with replies"]
    assert ">2 new<" in unread and f"/forums/t/{ids['opened']}/unread" in unread
    new = browser.get("/forums/new").text
    assert titles(new) == ["Never opened"]
    assert 'class="badge new">New<' in new


def test_tabs_and_navigation_count_and_clear(member, seed):
    browser = member()
    ids = seed(lambda: board(browser))
    page = browser.get("/forums/").text
    assert "Unread (1)" in page and "New (1)" in page
    assert 'class="govgr-tabs__list-item govgr-tabs__list-item-selected"' in page
    assert '<span class="nav-count" aria-hidden="true">2</span>' in page
    assert "(2 unread topics)" in page  # what a screen reader hears
    browser.get(f"/forums/t/{ids['opened']}")
    browser.get(f"/forums/t/{ids['fresh']}")
    page = browser.get("/forums/latest").text
    assert "Unread (0)" in page and "New (0)" in page
    assert 'class="nav-count"' not in page and "unread topic" not in page
    assert 'data-unread-badge class="badge new"' not in page
    assert "No unread posts" in browser.get("/forums/unread").text
    assert "No new topics" in browser.get("/forums/new").text


def test_a_trainer_sees_hidden_and_restricted_topics(member, seed):
    browser = member("trainer")
    seed(lambda: board(browser))
    latest = titles(browser.get("/forums/latest").text)
    assert "Hidden topic" in latest and "Restricted topic" in latest


@pytest.mark.parametrize(("role", "shown"), [("mediator", False), ("trainer", True)])
def test_open_reports_are_counted_for_moderators_only(member, seed, role, shown):
    browser = member(role)

    def create():
        topic = make_topic(make_category())
        reporter = make_user("mediator")
        for body in ("rude", "ruder"):
            post = make_post(topic, body=body)
            services.report_post(db.session, post, reporter=reporter, reason="Rude")

    seed(create)
    page = browser.get("/").text
    assert ("(2 open reports)" in page) is shown
    assert ('href="/forums/reports"' in page) is shown


def test_a_category_page_shows_counts_per_topic(member, seed):
    browser = member()
    ids = seed(lambda: board(browser))
    page = browser.get(f"/forums/c/{ids['general']}").text
    row = re.search(f'data-topic-id="{ids["opened"]}".*?</li>', page, re.S).group(0)
    assert ">2 new<" in row and "has-unread" in page
    old = re.search(r"Older than the reader.*?</div>", page, re.S).group(0)
    assert "badge new" not in old  # never opened but older than the account: not news


def test_lists_are_paginated_and_refuse_bad_pages(member, seed):
    browser = member()

    def create():
        category = make_category()
        bulk_topics(category, account(browser), TOPICS_PER_PAGE + 5)

    seed(create)
    first = browser.get("/forums/latest")
    assert first.status_code == 200 and len(titles(first.text)) == TOPICS_PER_PAGE
    assert 'rel="next"' in first.text
    assert len(titles(browser.get("/forums/latest?page=2").text)) == 5
    for bad in ("0", "3", "-1"):
        assert browser.get(f"/forums/latest?page={bad}").status_code in (400, 404), bad


@pytest.mark.parametrize("path", ["/forums/latest", "/forums/unread", "/forums/new"])
def test_lists_are_for_members(client, path):
    response = client.get(path)
    assert response.status_code in (302, 401)


def test_lists_speak_greek(logged_in, seed):
    browser = logged_in("mediator")
    seed(lambda: board(browser))
    page = browser.get("/forums/unread").text
    assert "Μη αναγνωσμένα (1)" in page and "Νέα (1)" in page and ">2 νέα<" in page
    assert "(2 μη αναγνωσμένα θέματα)" in page


def test_the_category_list_counts_what_the_navigation_counts_and_does_not_ask_twice(
    member, seed, count_queries
):
    browser = member()
    ids = seed(lambda: board(browser))
    with count_queries() as statements:
        page = browser.get("/forums/").text
    # One category row with news: the opened topic with replies and the one never opened;
    # the topic older than the reader, the hidden and the restricted ones count nowhere.
    assert "2 topics with new posts" in page
    assert re.search(rf'data-category-id="{ids["general"]}"', page)
    assert '<span class="nav-count" aria-hidden="true">2</span>' in page
    assert "Unread (1)" in page and "New (1)" in page
    # The navigation's board counts come from the rows: its query asks only the others (the
    # notifications' count, which reads the topics of unread notifications only).
    navigation = [s for s in statements if "notifications_unread" in s]
    assert len(navigation) == 1
    assert "forums_unread" not in navigation[0] and "forums_new" not in navigation[0]
    # Elsewhere the navigation asks for them itself, with the same result.
    with count_queries() as statements:
        latest = browser.get("/forums/latest").text
    assert '<span class="nav-count" aria-hidden="true">2</span>' in latest
    assert any("forums_unread" in s and "forum_topics" in s for s in statements)
