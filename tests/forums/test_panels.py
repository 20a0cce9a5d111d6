"""The board's panels on the home page: unread topics, latest activity, my drafts."""

import re

import pytest

from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.panels import PANEL_ROWS
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def panel(html: str, heading_id: str) -> str:
    found = re.search(f'aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert found, f"no panel {heading_id}"
    return found.group(0)


@pytest.mark.parametrize("role", ["mediator", "supervisor", "trainer", "admin"])
def test_every_role_gets_useful_empty_panels(member, role):
    home = member(role).get("/").text
    assert "nothing unread" in panel(home, "panel-unread")
    assert "No topics yet" in panel(home, "panel-latest")
    assert "No drafts" in panel(home, "panel-drafts")


def test_panels_show_unread_latest_and_drafts(member, seed):
    browser = member()

    def create():
        reader = account(browser)
        general = make_category(name_en="General")
        secret = make_category(name_en="Secret", visible_to="trainer,admin")
        opened = make_topic(general, title="Has replies")
        services.mark_read(db.session, reader, opened, 1)
        make_post(opened, body="news")
        for number in range(PANEL_ROWS + 2):
            make_topic(general, title=f"Topic {number}")
        hidden_from_me = make_topic(secret, title="Not for mediators")
        services.save_draft(db.session, reader, topic=opened, body="half a reply")
        services.save_draft(db.session, reader, category=general, title="My idea", body="text")
        services.save_draft(db.session, reader, category=make_category(), title="")  # empty
        return opened.id, general.id, hidden_from_me.id

    opened, general, _ = seed(create)
    home = browser.get("/").text
    unread = panel(home, "panel-unread")
    assert unread.count("<li>") == PANEL_ROWS
    assert "Not for mediators" not in home
    latest = panel(home, "panel-latest")
    assert latest.count("<li>") == PANEL_ROWS and ">General" in latest
    drafts = panel(home, "panel-drafts")
    assert f'href="/forums/t/{opened}#reply"' in drafts and "Reply to: Has replies" in drafts
    assert f'href="/forums/c/{general}/new"' in drafts and "New topic: My idea" in drafts
    assert drafts.count("<li>") == 2
    # The topic with unread replies is in the unread panel once it is the latest active.
    seed(lambda: make_post(db.session.get(services.pages.Topic, opened), body="more"))
    unread = panel(browser.get("/").text, "panel-unread")
    assert "Has replies" in unread and ">2 new<" in unread


def test_a_draft_where_one_can_no_longer_write_is_not_offered(member, seed):
    browser = member()

    def create():
        category = make_category()
        topic = make_topic(category, title="Soon hidden")
        services.save_draft(db.session, account(browser), topic=topic, body="unsent")
        topic.hidden = True

    seed(create)
    assert "No drafts" in panel(browser.get("/").text, "panel-drafts")


def test_panels_speak_greek(logged_in):
    home = logged_in("mediator").get("/").text
    assert "Μη αναγνωσμένα θέματα" in home and "Τα πρόχειρά μου" in home
