"""The message board live, in two browsers: replies, edits, hides, reactions and
"X is writing…" appear without a reload, a reconnecting page catches up, unread markers follow."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Topic
from tests.browser.forum_helpers import (
    board,
    expect_no_drafts_in_tab,
    open_topic,
    reply_box,
    sign_in_as,
)
from tests.browser.helpers import translated, wait_for_socket
from tests.factories import make_user
from tests.forums.factories import bulk_posts, make_post

pytestmark = pytest.mark.browser
__all__ = ["board"]  # the fixture


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
    expect(omid.locator("[data-typing-notice]")).to_have_text("")  # her reply is here
    # Posts stay in number order.
    numbers = omid.locator("#posts > article").evaluate_all("(els) => els.map((e) => e.id)")
    assert numbers == ["post-1", "post-2"]
    # The writer's text left this tab once posted.
    expect_no_drafts_in_tab(amina)

    omid.reload()
    omid.goto(f"/forums/c/{board.category}")
    row = omid.locator(f'#topics li[data-topic-id="{board.topic}"]')
    expect(row).to_be_visible()
    expect(row).not_to_have_class(re.compile(r"has-unread"))
    expect(row.locator(".badge.new")).to_have_count(0)


def test_the_category_list_shows_new_activity_live(app, board, new_page):
    page = new_page(locale="en-GB")
    sign_in_as(page, board.omid)
    page.goto("/forums/")
    wait_for_socket(page)
    expect(page.locator("#board-status")).to_have_attribute("data-live", "joined")

    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        make_post(topic, author=db.session.get(User, board.amina.id), body="Νέο μήνυμα")
        db.session.commit()

    row = page.locator(f'#categories tr[data-category-id="{board.category}"]')
    expect(row.locator("[data-activity-badge]")).to_have_text("New activity")
    status = page.locator("#board-status")
    expect(status).to_contain_text("There is new activity on the board.")
    expect(status.get_by_role("link", name="Reload the page")).to_be_visible()


def _as_amina(app, board, action) -> None:
    """Run `action(topic, amina, trainer)` through the services and commit (events go out)."""
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        action(topic, db.session.get(User, board.amina.id), make_user("trainer"))
        db.session.commit()


def test_edits_hides_and_reactions_of_others_update_the_post_in_place(app, board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    _as_amina(app, board, lambda t, amina, _: make_post(t, author=amina, body="Με ΑΜΚΑ 123"))
    expect(page.locator("#post-2")).to_contain_text("Με ΑΜΚΑ 123")
    page.evaluate("() => { window.notReloaded = true; }")

    def edit_first(topic, amina, _trainer):
        first = db.session.scalars(db.select(Post).where(Post.topic_id == topic.id)).first()
        services.edit_post(db.session, post=first, editor=amina, body="Πώς οργανώνετε *τώρα*;")
        services.toggle_reaction(db.session, first, user=amina, kind="heart")

    _as_amina(app, board, edit_first)
    first = page.locator("#post-1")
    expect(first.locator(".post-body em")).to_have_text("τώρα")
    expect(first.locator('button[value="heart"] [data-count]')).to_have_text("1")

    def hide_second(topic, _amina, trainer):
        second = db.session.scalars(
            db.select(Post).where(Post.topic_id == topic.id, Post.number == 2)
        ).one()
        services.hide_post(db.session, second, actor=trainer, reason="Προσωπικά δεδομένα")

    _as_amina(app, board, hide_second)
    hidden = translated(app, "This post was hidden by a moderator.", "en")
    expect(page.locator("#post-2")).to_contain_text(hidden)
    expect(page.locator("#post-2")).not_to_contain_text("ΑΜΚΑ")
    assert page.evaluate("() => window.notReloaded") is True


def test_a_reaction_toggles_without_a_reload_and_keeps_the_focus(board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    page.evaluate("() => { window.notReloaded = true; }")
    # The row shows only the reactions given; others are added from the "+" menu.
    chip = page.locator('#post-1 .reactions > button[value="like"]')
    expect(chip).to_have_count(0)
    page.locator("#post-1 .reaction-add > summary").focus()
    page.keyboard.press("Enter")
    page.locator('#post-1 .reaction-menu button[value="like"]').focus()
    page.keyboard.press("Enter")

    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(chip.locator("[data-count]")).to_have_text("1")
    expect(chip).to_be_focused()
    expect(chip).to_have_attribute("title", "Like: Omid Rezaei")  # who reacted
    chip.click()
    expect(chip).to_have_count(0)
    expect(page.locator("#post-1 .reaction-add > summary")).to_be_focused()
    assert page.evaluate("() => window.notReloaded") is True


def test_a_reaction_of_someone_else_updates_the_count_in_place(app, board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    page.evaluate("() => { window.notReloaded = true; }")

    def react(topic, amina, _trainer):
        first = db.session.scalars(db.select(Post).where(Post.topic_id == topic.id)).first()
        services.toggle_reaction(db.session, first, user=amina, kind="idea")

    _as_amina(app, board, react)
    expect(page.locator('#post-1 .reactions > button[value="idea"] [data-count]')).to_have_text("1")
    assert page.evaluate("() => window.notReloaded") is True


def test_a_page_that_reconnects_catches_up_with_what_it_missed(app, board, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)

    page.evaluate("() => window.portalSocket.disconnect()")
    expect(page.locator("#posts")).to_have_attribute("data-live", "lost")
    _as_amina(app, board, lambda t, amina, _: make_post(t, author=amina, body="Όσο λείπατε"))
    expect(page.locator("#post-2")).to_have_count(0)

    page.evaluate("() => window.portalSocket.connect()")

    wait_for_socket(page)
    expect(page.locator("#posts")).to_have_attribute("data-live", "joined")
    expect(page.locator("#post-2")).to_contain_text("Όσο λείπατε")


def test_a_reply_beyond_the_page_shown_is_announced_not_inserted(app, board, new_page):
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        bulk_posts(topic, [db.session.get(User, board.amina.id)], 20)  # 21 posts: two pages
        db.session.commit()
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic)
    page.goto(f"/forums/t/{board.topic}?page=1")
    expect(page.locator("#posts")).to_have_attribute("data-live", "joined")

    _as_amina(app, board, lambda t, amina, _: make_post(t, author=amina, body="Στη σελίδα 2"))

    status = page.locator("#topic-status")
    expect(status).to_contain_text(translated(app, "New replies have been posted.", "en"))
    link = status.get_by_role("link", name=translated(app, "See the newest replies", "en"))
    expect(link).to_have_attribute("href", f"/forums/t/{board.topic}/unread")
    expect(page.locator("#posts > article")).to_have_count(20)


@pytest.mark.parametrize("lang", ("el", "en"))
def test_a_topic_hidden_while_open_says_so_and_shows_nothing_more(app, board, new_page, lang):
    page = new_page(locale="en-GB")
    open_topic(page, board.omid, board.topic, lang=lang)
    page.evaluate("() => { window.notReloaded = true; }")
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        services.hide_topic(db.session, topic, actor=make_user("trainer"), reason="Διπλό θέμα")
        db.session.commit()

    expect(page.locator("#posts")).to_have_attribute("data-live", "closed")
    unavailable = "This topic is no longer available to you: new replies are not shown."
    expect(page.locator("#topic-status")).to_have_text(translated(app, unavailable, lang))
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        make_post(topic, author=make_user("trainer"), body="Μόνο για συντονιστές")
        db.session.commit()
    page.wait_for_timeout(500)
    expect(page.locator("#post-2")).to_have_count(0)
    assert page.evaluate("() => window.notReloaded") is True
