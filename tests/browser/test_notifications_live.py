"""The live badge in a real browser: A mentions B in a reply; B, on another page, sees the
count rise without reloading, opens the list (a POST button that marks it read) and lands
on the post; opening one works without JavaScript too."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.browser.helpers import LOGIN_URL, sign_in, wait_for_socket
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.browser


def test_a_mention_raises_the_badge_live_and_leads_to_the_post(app, user_of, new_page):
    reader = user_of("mediator", name="Βασιλική Νόρα")
    writer_id = user_of("mediator", name="Άννα Γράφει").id
    with app.app_context():
        topic = make_topic(make_category(), title="Διερμηνεία στο νοσοκομείο")
        db.session.commit()
        topic_id = topic.id
    page = new_page()
    sign_in(page, reader.email)
    expect(page).not_to_have_url(LOGIN_URL)
    page.goto("/notifications/preferences?lang=en")
    wait_for_socket(page)
    count = page.locator("[data-notification-count]").first
    expect(count).to_have_text("0")

    with app.app_context():
        topic = db.session.get(type(topic), topic_id)
        post = make_post(
            topic,
            author=db.session.get(User, writer_id),
            body=f"@{services.handle(reader.name)} μπορείς να βοηθήσεις;",
        )
        db.session.commit()
        number = post.number
    expect(count).to_have_text("1")  # no reload

    page.locator("[data-notification-badge]").first.click()
    expect(page).to_have_url(re.compile(r"/notifications/$"))
    page.locator(".notification.is-unread button.notification-open").first.click()  # a POST
    expect(page).to_have_url(re.compile(rf"/forums/t/{topic_id}\b.*#post-{number}$"))
    expect(page.locator(f"#post-{number}")).to_contain_text("μπορείς να βοηθήσεις")
    expect(count).to_have_text("0")  # opened: marked read by the POST


def test_opening_a_notification_works_without_javascript(app, user_of, browser, live_server):
    reader = user_of("mediator", name="Βασιλική Νόρα")
    with app.app_context():
        topic = make_topic(make_category(), author=db.session.get(User, reader.id))
        post = make_post(topic, body="Απάντηση χωρίς σενάριο")
        db.session.commit()
        topic_id, number = topic.id, post.number
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, reader.email)
        page.goto("/notifications/?lang=en")
        expect(page.locator("[data-notification-count]").first).to_have_text("1")
        page.locator(".notification.is-unread button.notification-open").first.click()
        expect(page).to_have_url(re.compile(rf"/forums/t/{topic_id}\b.*#post-{number}$"))
        expect(page.locator("[data-notification-count]").first).to_have_text("0")
    finally:
        context.close()
