"""Shared pieces of the message board's browser tests: a small board, signing in on a topic."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from tests.browser.helpers import LOGIN_URL, sign_in, wait_for_socket
from tests.forums.factories import make_category, make_topic

DRAFT_KEYS = "() => Object.keys(sessionStorage).filter((k) => k.startsWith('forum-draft:'))"


@pytest.fixture
def board(app, user_of):
    """Two mediators and a topic started by the first, in an open category."""
    amina = user_of("mediator", name="Αμίνα Χασάν")
    omid = user_of("mediator", name="Omid Rezaei")
    with app.app_context():
        category = make_category(name_en="Exchange of experience")
        topic = make_topic(
            category,
            author=db.session.get(User, amina.id),
            title="Διερμηνεία στο νοσοκομείο",
            body="Πώς οργανώνετε τα ραντεβού;",
        )
        db.session.commit()
        return SimpleNamespace(amina=amina, omid=omid, category=category.id, topic=topic.id)


def sign_in_as(page, person, lang: str = "en") -> None:
    """Sign `person` in through the login form, in `lang`."""
    page.goto(f"/auth/login?lang={lang}")
    sign_in(page, person.email)
    expect(page).not_to_have_url(LOGIN_URL)


def open_topic(page, person, topic_id: int, lang: str = "en") -> None:
    """Sign `person` in and open the topic; returns once its live room is joined."""
    sign_in_as(page, person, lang)
    page.goto(f"/forums/t/{topic_id}")
    wait_for_socket(page)
    expect(page.locator("#posts")).to_have_attribute("data-live", "joined")


def drafts_in_tab(page) -> list[str]:
    """The sessionStorage keys of the forum drafts this tab keeps."""
    return page.evaluate(DRAFT_KEYS)


def expect_no_drafts_in_tab(page) -> None:
    """Wait (the page's scripts may still be starting) until the tab keeps no forum draft."""
    page.wait_for_function(f"() => ({DRAFT_KEYS})().length === 0", timeout=5_000)


def is_draft_save(response) -> bool:
    """The answer to a draft being saved (a reply's or a new topic's)."""
    return "/forums/drafts/" in response.url and response.request.method == "POST"


def reply_box(page):
    return page.locator("form[data-topic-last] textarea[name=body]")


def draft_status(page):
    return page.locator("form[data-draft-url] [data-draft-status]")
