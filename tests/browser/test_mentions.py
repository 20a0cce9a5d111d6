"""@mentions in a real browser, in Greek and English: A types "@" and part of B's name in a
reply (without B's accents), picks B with the keyboard from the listbox (ArrowDown, Enter)
and posts; B, on another page, sees the navigation's count rise without reloading, opens the
list and lands on the post. A mention of a member who cannot read a restricted category is
said in the form before posting. axe-core is clean on the topic page with the listbox open."""

import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.forum_helpers import reply_box, sign_in_as
from tests.browser.helpers import wait_for_socket
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.browser

LISTBOX = "form[data-topic-last] [role=listbox]"


def open_as(new_page, person, lang: str, url: str):
    page = new_page(locale="el-GR" if lang == "el" else "en-GB")
    preload_axe(page)
    sign_in_as(page, person, lang)
    page.goto(url)
    return page


def suggestions(page):
    return page.locator(LISTBOX)


@pytest.mark.parametrize("lang", ["el", "en"])
def test_a_mention_picked_with_the_keyboard_reaches_b_live(app, user_of, new_page, lang):
    writer = user_of("mediator", name="Άννα Γράφει")
    reader = user_of("mediator", name="Βασιλική Νόρα")
    user_of("mediator", name="Νίκος Βασιλείου")  # matches "βασιλ" too, after B
    with app.app_context():
        topic = make_topic(make_category(), author=db.session.get(User, writer.id))
        db.session.commit()
        topic_id = topic.id

    b = open_as(new_page, reader, lang, "/notifications/preferences")
    wait_for_socket(b)
    count = b.locator("[data-notification-count]").first
    expect(count).to_have_text("0")

    a = open_as(new_page, writer, lang, f"/forums/t/{topic_id}")
    box = reply_box(a)
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.click()
    box.press_sequentially("Ρωτάω την @βασιλ")  # no accent: the server folds
    listbox = suggestions(a)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Βασιλική Νόρα")
    expect(options.first).to_contain_text("@βασιλικη_νορα")
    assert_accessible(a)  # with the listbox open

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    first_id = options.first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    box.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Ρωτάω την @βασιλικη_νορα ")
    box.press_sequentially("μπορείς να βοηθήσεις;")
    expect(a.locator("form[data-topic-last] [data-mention-warning]")).to_have_text("")
    a.locator("form[data-topic-last] [name=submit]").click()
    post = a.locator(".post", has_text="μπορείς να βοηθήσεις;")
    expect(post).to_be_visible()

    expect(count).to_have_text("1")  # on B's page, without a reload
    b.locator("[data-notification-badge]").first.click()
    expect(b).to_have_url(re.compile(r"/notifications/$"))
    b.locator(".notification.is-unread button.notification-open").first.click()  # a POST
    expect(b).to_have_url(re.compile(rf"/forums/t/{topic_id}\b.*#post-2$"))
    expect(b.locator("#post-2")).to_contain_text("μπορείς να βοηθήσεις")


@pytest.mark.parametrize("lang", ["el", "en"])
def test_the_writer_is_warned_of_a_mention_that_cannot_read_the_category(
    app, user_of, new_page, lang
):
    trainer = user_of("trainer", name="Θεόδωρος Εκπαιδευτής")
    outsider = user_of("mediator", name="Omid Rezaei")
    with app.app_context():
        closed = make_category(visible_to="trainer,admin")
        topic = make_topic(closed, author=db.session.get(User, trainer.id))
        db.session.commit()
        topic_id = topic.id
    with app.test_request_context(), force_locale(lang):
        expected = _(
            "%(name)s cannot read this category: your mention will not notify them.",
            name=outsider.name,
        )
        note = _("cannot read here")

    a = open_as(new_page, trainer, lang, f"/forums/t/{topic_id}")
    box = reply_box(a)
    warning = a.locator("form[data-topic-last] [data-mention-warning]")
    expect(warning).to_have_attribute("aria-live", "polite")
    box.click()
    box.press_sequentially("@omi")
    option = suggestions(a).get_by_role("option").first
    expect(option).to_contain_text("Omid Rezaei")
    expect(option).to_contain_text(note)
    assert_accessible(a)
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("@omid_rezaei ")
    expect(warning).to_have_text(expected)

    # Typed by hand (no list), the warning comes too; taken out, it goes.
    box.fill("")
    expect(warning).to_have_text("")
    box.press_sequentially("Καλημέρα @OMID_REZAEI.")
    a.keyboard.press("Escape")
    expect(warning).to_have_text(expected)
    # The post is still allowed.
    a.locator("form[data-topic-last] [name=submit]").click()
    expect(a.locator(".post", has_text="Καλημέρα")).to_be_visible()
