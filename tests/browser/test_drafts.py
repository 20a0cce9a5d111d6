"""Nothing typed is lost: a reply or new topic being written is kept as a server draft and in
the tab (sessionStorage, cleared at sign-out), and comes back after a reload or a new sign-in."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.forum_helpers import (
    board,
    draft_status,
    drafts_in_tab,
    expect_no_drafts_in_tab,
    is_draft_save,
    open_topic,
    reply_box,
    sign_in_as,
)
from tests.browser.helpers import LOGIN_URL, sign_in, translated

pytestmark = pytest.mark.browser
__all__ = ["board"]  # the fixture


def test_a_draft_is_kept_on_the_server_and_cleared_from_the_tab_at_sign_out(board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    text = "Ένα προσχέδιο που δεν έχει σταλεί ακόμη."

    with page.expect_response(is_draft_save) as saved:
        reply_box(page).fill(text)
    assert saved.value.ok
    assert drafts_in_tab(page) == [f"forum-draft:/forums/drafts/topic/{board.topic}"]

    page.reload()
    expect(reply_box(page)).to_have_value(text)

    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(LOGIN_URL)
    expect_no_drafts_in_tab(page)

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
    expect(draft_status(page)).to_have_text(kept)

    page.goto(f"/forums/t/{board.topic}?lang=en")
    expect(page).to_have_url(LOGIN_URL)
    with page.expect_response(is_draft_save) as saved:  # the restored text goes to the server
        sign_in(page, board.omid.email)
        expect(page).to_have_url(re.compile(rf"/forums/t/{board.topic}\?lang=en$"))
    expect(reply_box(page)).to_have_value(text)
    restored = translated(app, "The text you had not sent yet was restored.", "en")
    expect(draft_status(page)).to_have_text(restored)
    assert saved.value.ok
    assert saved.value.json()["body"] == text


def test_a_new_topic_draft_comes_back_and_leaves_the_tab_once_published(board, new_page):
    page = new_page(locale="en-GB")
    sign_in_as(page, board.omid)
    page.goto(f"/forums/c/{board.category}/new")
    title, body = "Νέο θέμα: μεταφράσεις εγγράφων", "Ποιος έχει εμπειρία με επικυρώσεις;"

    page.get_by_label("Title").fill(title)
    with page.expect_response(is_draft_save) as saved:
        page.locator("textarea[name=body]").fill(body)
    assert saved.value.json()["title"] == title

    page.reload()
    expect(page.get_by_label("Title")).to_have_value(title)
    expect(page.locator("textarea[name=body]")).to_have_value(body)

    page.get_by_role("button", name="Start the topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect_no_drafts_in_tab(page)
    page.goto(f"/forums/c/{board.category}/new")
    expect(page.locator("textarea[name=body]")).to_have_value("")


def test_text_kept_in_the_tab_is_not_given_to_another_person(board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    page.context.clear_cookies()  # Omid's session ends; he walks away from the computer
    reply_box(page).fill("Κείμενο του Ομίντ")
    expect(draft_status(page)).not_to_have_text("")

    page.goto(f"/forums/t/{board.topic}?lang=en")
    sign_in(page, board.amina.email)  # Amina signs in on the same tab
    expect(page).to_have_url(re.compile(rf"/forums/t/{board.topic}"))

    expect(reply_box(page)).to_have_value("")
    expect(page.locator("#posts")).to_have_attribute("data-live", "joined")
    expect_no_drafts_in_tab(page)


def test_a_lost_connection_is_announced_and_cleared_when_it_returns(app, board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    lost = translated(
        app,
        "The connection is lost. What you write is kept in this tab and saved when the "
        "connection returns.",
        "en",
    )

    page.evaluate("() => window.portalSocket.disconnect()")

    expect(draft_status(page)).to_have_text(lost)
    page.evaluate("() => window.portalSocket.connect()")
    expect(draft_status(page)).to_have_text("")
