"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on My calendar (without an
address, with one, after making a new one), in Greek and in English, on a desktop and on a
phone; the address shown opens the feed without signing in."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("locale", ("el", "en"))
def test_my_calendar_page(new_page, user_of, live_server, locale, phone):
    person = user_of("mediator")
    page = new_page(phone=phone)
    preload_axe(page)
    sign_in(page, person.email)
    expect(page).not_to_have_url(LOGIN_URL)
    response = page.goto(f"/calendar/?lang={locale}")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.locator("#feed-url")).to_have_count(0)
    assert_accessible(page)
    page.locator("#address form button[type=submit]").click()
    address = page.locator("#feed-url")
    expect(address).to_be_visible()
    assert_accessible(page)
    first = address.input_value()
    page.locator("#address form button[type=submit]").click()  # a new address
    expect(address).not_to_have_value(first)
    assert_accessible(page)
    feed = page.context.request.get(address.input_value())
    assert feed.status == 200 and feed.text().startswith("BEGIN:VCALENDAR")
    assert page.context.request.get(first).status == 404
