"""Language switch: Greek by default, English on request, remembered; the account's choice."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import expect_home, require_greek, sign_in, translated

pytestmark = pytest.mark.browser


def language_switch(page, app, locale):
    return page.get_by_role("navigation", name=translated(app, "Language", locale))


def test_switch_changes_the_language_and_is_remembered_across_pages(app, page):
    page.goto("/auth/login")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "el")
    switch = language_switch(page, app, "el")
    expect(switch.get_by_role("link", name="Ελληνικά")).to_have_attribute("aria-current", "true")

    switch.get_by_role("link", name="English").click()

    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    switch = language_switch(page, app, "en")
    expect(switch.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")

    # Another page, reached without ?lang=, stays in English.
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page).to_have_url(re.compile(r"/auth/forgot$"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    page.goto("/does-not-exist")
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    # And back to Greek, which is then remembered too.
    language_switch(page, app, "en").get_by_role("link", name="Ελληνικά").click()
    expect(html).to_have_attribute("lang", "el")
    page.goto("/auth/forgot")
    expect(html).to_have_attribute("lang", "el")
    require_greek()
    greek = translated(app, "Forgot your password?", "el")
    assert greek != "Forgot your password?", "the Greek catalogue does not translate this page"
    expect(page.get_by_role("heading", level=1)).to_have_text(greek)


def test_switch_keeps_the_page_and_its_query(app, page):
    page.goto("/auth/login?next=%2Faccount%2Fprofile")

    language_switch(page, app, "el").get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/auth/login" in page.url
    assert "next=%2Faccount%2Fprofile" in page.url


def test_signed_in_person_gets_the_language_chosen_on_the_profile(app, new_page, user_of):
    mediator = user_of("mediator", name="Fatima Noori")
    page = new_page()
    sign_in(page, mediator.email)
    expect_home(page, "Fatima Noori")
    expect(page.locator("html")).to_have_attribute("lang", "el")

    page.goto("/account/profile")
    page.get_by_role("radio", name="English").check()
    page.locator("main form button[type=submit]").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The confirmation, too, is in the language just chosen.
    expect(page.get_by_role("status")).to_have_text("Your profile has been saved.")
    expect(page.get_by_role("radio", name="English")).to_be_checked()
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")

    # Another device with no language chosen: the account's language applies once signed in.
    other = new_page(locale="el-GR")
    other.goto("/auth/login")
    expect(other.locator("html")).to_have_attribute("lang", "el")
    sign_in(other, mediator.email)
    expect_home(other, "Fatima Noori")
    expect(other.locator("html")).to_have_attribute("lang", "en")
    expect(other.get_by_role("heading", level=1)).to_have_text("Hello, Fatima Noori")


def test_account_in_english_can_switch_to_greek_for_this_browser(app, page, user_of):
    mediator = user_of("mediator", name="Samir Haddad", locale="en")
    sign_in(page, mediator.email)
    expect_home(page, "Samir Haddad")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    language_switch(page, app, "en").get_by_role("link", name="Ελληνικά").click()

    expect(page.locator("html")).to_have_attribute("lang", "el")
    page.goto("/account/profile")
    expect(page.locator("html")).to_have_attribute("lang", "el")
    require_greek()
    greek = translated(app, "My profile", "el")
    assert greek != "My profile", "the Greek catalogue does not translate the profile page"
    expect(page.get_by_role("heading", level=1)).to_have_text(greek)
