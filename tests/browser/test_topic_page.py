"""The topic page in a browser: the floating "N new replies" bar on a long page, a topic
locked while open, the word diff of the edit history, 44x44 touch targets on a phone, and
axe-core on the topic, history and reports pages in both languages."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Topic
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.forum_helpers import open_topic, reply_box, sign_in_as
from tests.browser.helpers import translated
from tests.forums.factories import bulk_posts, make_category, make_post, make_topic

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def long_topic(app, user_of):
    """A topic of 15 posts (one page, long enough to scroll), a reaction, an edit, a report."""
    reader = user_of("mediator", name="Omid Rezaei")
    writer = user_of("mediator", name="Αμίνα Χασάν")
    trainer = user_of("trainer", name="Ελένη Παππά")
    with app.app_context():
        author = db.session.get(User, writer.id)
        moderator = db.session.get(User, trainer.id)
        topic = make_topic(make_category(), author=author, title="Μεγάλη συζήτηση")
        bulk_posts(topic, [author, moderator], 13)
        post = make_post(topic, author=author, body="Η συνάντηση είναι αύριο το πρωί")
        services.edit_post(
            db.session, post=post, editor=author, body="Η συνάντηση είναι σήμερα το πρωί"
        )
        services.toggle_reaction(db.session, post, user=moderator, kind="like")
        services.report_post(db.session, post, reporter=moderator, reason="Ελέγξτε το")
        db.session.commit()
        return SimpleNamespace(
            reader=reader, writer=writer, trainer=trainer, topic=topic.id, post=post.id
        )


def _reply(app, topic_id: int, author_id: int, body: str) -> None:
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        make_post(topic, author=db.session.get(User, author_id), body=body)
        db.session.commit()


@pytest.mark.parametrize("lang", ["en", "el"])
def test_the_floating_bar_counts_new_replies_and_scrolls_to_them(app, long_topic, new_page, lang):
    page = new_page(locale="en-GB" if lang == "en" else "el-GR")
    open_topic(page, long_topic.reader, long_topic.topic, lang=lang)
    page.evaluate("() => window.scrollTo(0, 0)")
    _reply(app, long_topic.topic, long_topic.writer.id, "Πρώτη νέα")
    _reply(app, long_topic.topic, long_topic.writer.id, "Δεύτερη νέα")
    expect(page.locator("#post-17")).to_be_attached()

    button = page.locator("[data-new-replies-button]")
    expect(button).to_have_text("2 new replies" if lang == "en" else "2 νέες απαντήσεις")
    box = button.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
    assert box["width"] >= 44 and box["height"] >= 44

    button.click()
    expect(page.locator("#post-16")).to_be_focused()
    expect(page.locator("#post-16")).to_be_in_viewport()
    expect(button).to_be_hidden()


def test_typing_shows_in_the_bar_where_the_reader_is(app, long_topic, new_page):
    reader, writer = new_page(locale="en-GB"), new_page(locale="el-GR")
    open_topic(reader, long_topic.reader, long_topic.topic, lang="en")
    open_topic(writer, long_topic.writer, long_topic.topic, lang="el")
    reader.evaluate("() => window.scrollTo(0, 0)")
    reply_box(writer).press_sequentially("Γράφω")
    notice = reader.locator("[data-new-replies-bar] [data-typing-notice]")
    expect(notice).to_have_text(translated(app, "%(name)s is writing…", "en", name="Αμίνα Χασάν"))
    expect(notice).to_be_in_viewport()


@pytest.mark.parametrize("lang", ["en", "el"])
def test_a_topic_locked_while_open_disables_the_form_keeping_the_text(
    app, long_topic, new_page, lang
):
    page = new_page(locale="en-GB" if lang == "en" else "el-GR")
    open_topic(page, long_topic.reader, long_topic.topic, lang=lang)
    reply_box(page).fill("Κείμενο που γράφτηκε πριν κλειδώσει")
    with app.app_context():
        topic = db.session.get(Topic, long_topic.topic)
        services.set_locked(
            db.session, topic, actor=db.session.get(User, long_topic.trainer.id), locked=True
        )
        db.session.commit()
    reason = translated(app, "This topic is locked: it takes no new replies.", lang)
    expect(page.locator("[data-topic-changed]")).to_contain_text(reason)
    expect(reply_box(page)).to_have_js_property("readOnly", True)
    expect(page.locator("form[data-topic-last] [name=submit]")).to_be_disabled()
    expect(reply_box(page)).to_have_value("Κείμενο που γράφτηκε πριν κλειδώσει")

    with app.app_context():  # unlocked again: the form comes back, the text still there
        topic = db.session.get(Topic, long_topic.topic)
        services.set_locked(
            db.session, topic, actor=db.session.get(User, long_topic.trainer.id), locked=False
        )
        db.session.commit()
    expect(page.locator("form[data-topic-last] [name=submit]")).to_be_enabled()
    expect(reply_box(page)).to_have_value("Κείμενο που γράφτηκε πριν κλειδώσει")


def test_a_moved_topic_tells_its_new_place(app, long_topic, new_page):
    page = new_page(locale="en-GB")
    open_topic(page, long_topic.reader, long_topic.topic, lang="en")
    with app.app_context():
        destination = make_category(name_en="Training", name_el="Εκπαίδευση")
        topic = db.session.get(Topic, long_topic.topic)
        services.move_topic(
            db.session,
            topic,
            actor=db.session.get(User, long_topic.trainer.id),
            category=destination,
        )
        db.session.commit()
        destination_id = destination.id
    link = page.locator("[data-topic-changed] a")
    expect(link).to_have_text("Training")
    expect(link).to_have_attribute("href", f"/forums/c/{destination_id}")


@pytest.mark.parametrize("lang", ["en", "el"])
def test_the_history_marks_an_inserted_and_a_deleted_word(app, long_topic, new_page, lang):
    page = new_page()
    sign_in_as(page, long_topic.reader, lang)
    page.goto(f"/forums/p/{long_topic.post}/history?lang={lang}")
    expect(page.locator(".diff del")).to_contain_text("αύριο")
    expect(page.locator(".diff ins")).to_contain_text("σήμερα")
    # More than colour: struck through / underlined, and words for screen readers.
    assert (
        page.locator(".diff del").evaluate("e => getComputedStyle(e).textDecorationLine")
        == "line-through"
    )
    expect(page.locator(".diff ins .visually-hidden").first).to_have_text(
        f"[{translated(app, 'inserted', lang)}: "
    )


def test_touch_targets_on_a_phone_are_at_least_44px(app, long_topic, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    try:
        page = context.new_page()
        sign_in_as(page, long_topic.reader)
        page.goto(f"/forums/t/{long_topic.topic}")
        jump = page.locator(".jump-to-reply")
        expect(jump).to_be_in_viewport()  # the reply box is reachable from the top
        targets = page.locator(
            ".jump-to-reply, .post-actions a, .post-actions button, .reactions > button, "
            ".reaction-add > summary, .post-number, .copy-link:not([hidden])"
        )
        sizes = targets.evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [e.className || e.tagName, r.width, r.height]; })"
        )
        assert len(sizes) > 20
        small = [size for size in sizes if size[1] < 44 or size[2] < 44]
        assert not small, small
        page.locator("#post-15 .reaction-add > summary").click()
        menu = page.locator("#post-15 .reaction-menu button")
        for box in menu.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
            assert box["width"] >= 44 and box["height"] >= 44
        scroll = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert scroll <= 0
        jump.click()
        expect(reply_box(page)).to_be_in_viewport()
    finally:
        context.close()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["el", "en"])
def test_axe_on_topic_history_and_reports(long_topic, new_page, lang, phone):
    page = new_page(phone=phone)
    preload_axe(page)
    sign_in_as(page, long_topic.trainer, lang)
    for path in (
        f"/forums/t/{long_topic.topic}",
        f"/forums/p/{long_topic.post}/history",
        "/forums/reports",
    ):
        response = page.goto(f"{path}?lang={lang}")
        assert response.status == 200, path
        assert_accessible(page)
    page.goto(f"/forums/t/{long_topic.topic}?lang={lang}")
    page.locator("#post-15 .reaction-add > summary").click()  # the open reaction menu too
    assert_accessible(page)
