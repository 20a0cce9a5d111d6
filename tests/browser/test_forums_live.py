"""The message board live, in two browsers: replies and "X is writing…" appear without a
reload, unread markers follow, and text being written survives reloads and sign-ins."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums.models import Topic
from tests.browser.helpers import LOGIN_URL, sign_in, translated, wait_for_socket
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.browser

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


def open_topic(page, person, topic_id, lang="en"):
    """Sign `person` in and open the topic; returns once its live room is joined."""
    page.goto(f"/auth/login?lang={lang}")
    sign_in(page, person.email)
    expect(page).not_to_have_url(LOGIN_URL)
    page.goto(f"/forums/t/{topic_id}")
    wait_for_socket(page)
    expect(page.locator("#posts")).to_have_attribute("data-live", "joined")


def is_draft_save(response) -> bool:
    return "/forums/drafts/topic/" in response.url and response.request.method == "POST"


def reply_box(page):
    return page.locator("form[data-topic-last] textarea[name=body]")


def test_a_reply_and_typing_appear_live_and_the_unread_marker_goes(app, board, new_page):
    amina, omid = new_page(locale="el-GR"), new_page(locale="en-GB")
    open_topic(amina, board.amina, board.topic, lang="el")
    open_topic(omid, board.omid, board.topic, lang="en")
    omid.evaluate("() => { window.notReloaded = true; }")

    reply_box(amina).press_sequentially("Εμείς κλείνουμε")

    writing = translated(app, "%(name)s is writing…", "en", name="Αμίνα Χασάν")
    expect(omid.locator("[data-typing-notice]")).to_have_text(writing)
    expect(amina.locator("[data-typing-notice]")).to_have_text("")  # not to the writer

    reply_box(amina).fill("Εμείς κλείνουμε ραντεβού με **διερμηνέα** από πριν.")
    amina.locator("form[data-topic-last] [name=submit]").click()
    expect(amina.locator("#post-2")).to_be_visible()

    new_post = omid.locator("#post-2")
    expect(new_post).to_contain_text("Αμίνα Χασάν")
    expect(new_post.locator(".post-body strong")).to_have_text("διερμηνέα")
    assert omid.evaluate("() => window.notReloaded") is True
    # Posts stay in number order.
    numbers = omid.locator("#posts > article").evaluate_all("(els) => els.map((e) => e.id)")
    assert numbers == ["post-1", "post-2"]
    # The writer's text left this tab once posted.
    assert amina.evaluate(DRAFT_KEYS) == []

    omid.reload()
    omid.goto(f"/forums/c/{board.category}")
    row = omid.locator(f'#topics li[data-topic-id="{board.topic}"]')
    expect(row).to_be_visible()
    expect(row).not_to_have_class(re.compile(r"has-unread"))
    expect(row.locator(".badge.new")).to_have_count(0)


def test_the_category_list_shows_new_activity_live(app, board, new_page):
    page = new_page(locale="en-GB")
    page.goto("/auth/login?lang=en")
    sign_in(page, board.omid.email)
    expect(page).not_to_have_url(LOGIN_URL)
    page.goto("/forums/")
    wait_for_socket(page)
    expect(page.locator("#board-status")).to_have_attribute("data-live", "joined")

    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        make_post(topic, author=db.session.get(User, board.amina.id), body="Νέο μήνυμα")
        db.session.commit()

    row = page.locator(f'#categories li[data-category-id="{board.category}"]')
    expect(row.locator("[data-activity-badge]")).to_have_text("New activity")
    status = page.locator("#board-status")
    expect(status).to_contain_text("There is new activity on the board.")
    expect(status.get_by_role("link", name="Reload the page")).to_be_visible()


def test_a_draft_is_kept_on_the_server_and_cleared_from_the_tab_at_sign_out(board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    text = "Ένα προσχέδιο που δεν έχει σταλεί ακόμη."

    with page.expect_response(is_draft_save) as saved:
        reply_box(page).fill(text)
    assert saved.value.ok
    assert page.evaluate(DRAFT_KEYS) == [f"forum-draft:/forums/drafts/topic/{board.topic}"]

    page.reload()
    expect(reply_box(page)).to_have_value(text)

    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(LOGIN_URL)
    assert page.evaluate(DRAFT_KEYS) == []

    sign_in(page, board.omid.email)
    expect(page).not_to_have_url(LOGIN_URL)
    page.goto(f"/forums/t/{board.topic}")
    expect(reply_box(page)).to_have_value(text)


def test_text_written_after_the_session_ended_comes_back_after_signing_in_again(
    app, board, new_page
):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    text = "Γράφτηκε ενώ η σύνδεση είχε λήξει."

    page.context.clear_cookies()  # the session ends (expired, or signed out elsewhere)
    reply_box(page).fill(text)

    kept = translated(
        app,
        "Your session has ended. What you write is kept in this tab: "
        "sign in again in this tab to post it.",
        "en",
    )
    expect(page.locator("form[data-topic-last] [data-draft-status]")).to_have_text(kept)

    page.goto(f"/forums/t/{board.topic}?lang=en")
    expect(page).to_have_url(LOGIN_URL)
    with page.expect_response(is_draft_save) as saved:  # the restored text goes to the server
        sign_in(page, board.omid.email)
        expect(page).to_have_url(re.compile(rf"/forums/t/{board.topic}\?lang=en$"))
    expect(reply_box(page)).to_have_value(text)
    restored = translated(app, "The text you had not sent yet was restored.", "en")
    expect(page.locator("form[data-topic-last] [data-draft-status]")).to_have_text(restored)
    assert saved.value.ok
    assert saved.value.json()["body"] == text
