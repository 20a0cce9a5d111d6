"""Signing in and out through the real pages, in Greek and English, on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    LOGIN_URL,
    expect_home,
    require_greek,
    sign_in,
    translated,
)

pytestmark = pytest.mark.browser


def test_mediator_signs_in_in_greek(app, page, user_of):
    mediator = user_of("mediator", name="Αμίνα Χασάν")
    page.goto("/auth/login")
    expect(page.locator("html")).to_have_attribute("lang", "el")

    sign_in(page, mediator.email)

    expect_home(page, "Αμίνα Χασάν")
    expect(page.locator("html")).to_have_attribute("lang", "el")
    require_greek()
    greeting = translated(app, "Hello, %(name)s", "el", name="Αμίνα Χασάν")
    expect(page.get_by_role("heading", level=1)).to_have_text(greeting)


def test_mediator_signs_in_in_english_through_the_language_switch(page, user_of):
    mediator = user_of("mediator", name="Amina Hassan")
    page.goto("/auth/login")

    page.locator(".lang-switch").get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("E-mail").fill(mediator.email.upper())  # e-mail is case-insensitive
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()

    expect_home(page, "Amina Hassan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Amina Hassan")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_english_login_link_with_lang_parameter(page, user_of):
    mediator = user_of("mediator", name="Omid Rezaei")
    page.goto("/auth/login?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    sign_in(page, mediator.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Omid Rezaei")


@pytest.mark.parametrize("locale", ["el", "en"])
def test_wrong_password_shows_the_error_and_keeps_the_email(app, page, user_of, locale):
    mediator = user_of("mediator")
    page.goto(f"/auth/login?lang={locale}")

    sign_in(page, mediator.email, "not the password")

    expect(page).to_have_url(LOGIN_URL)
    error = translated(app, "The e-mail or the password is not correct.", locale)
    expect(page.locator("main")).to_contain_text(error)
    expect(page.locator("#email")).to_have_value(mediator.email)
    expect(page.locator("#password")).to_have_value("")
    expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")
    # The error is announced with the field it belongs to.
    expect(page.locator("#password")).to_have_attribute("aria-describedby", "password-error")


def test_sign_out_through_the_navigation(app, page, user_of):
    mediator = user_of("mediator")
    page.goto("/auth/login?lang=en")
    sign_in(page, mediator.email)
    expect_home(page, mediator.name)

    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    page.goto("/")
    expect(page).to_have_url(LOGIN_URL)


def test_phone_menu_opens_and_signs_out(new_page, user_of):
    mediator = user_of("mediator")
    page = new_page(phone=True)
    page.goto("/auth/login?lang=en")
    sign_in(page, mediator.email)
    expect_home(page, mediator.name)

    toggle = page.get_by_role("button", name="Menu")
    sign_out = page.get_by_role("button", name="Sign out")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(sign_out).to_be_hidden()

    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")  # closes the menu, focus back on its button
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(sign_out).to_be_hidden()
    toggle.tap()

    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(sign_out).to_be_visible()
    expect(sign_out).to_be_in_viewport()
    sign_out.tap()
    expect(page).to_have_url(LOGIN_URL)


def test_keyboard_reaches_the_skip_link_first_with_visible_focus(page):
    page.goto("/auth/login?lang=en")

    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none")

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    email = page.locator("#email")
    expect(email).to_be_focused()
    assert email.evaluate("(el) => el.matches(':focus-visible')")
    width = email.evaluate("(el) => parseFloat(getComputedStyle(el).outlineWidth)")
    assert width >= 2


FOCUS_CONTRAST = """(el) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (text) => {
    const [r, g, b] = rgb(text).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let holder = el;
  while (holder && getComputedStyle(holder).backgroundColor === "rgba(0, 0, 0, 0)") {
    holder = holder.parentElement;
  }
  if (!holder) return 0;  // no background anywhere: the styles did not apply
  const [a, b] = [
    luminance(getComputedStyle(el).outlineColor),
    luminance(getComputedStyle(holder).backgroundColor),
  ].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_focus_is_visible_on_the_blue_header_and_navigation(page, user_of):
    mediator = user_of("mediator")
    page.goto("/auth/login?lang=en")
    sign_in(page, mediator.email)
    expect_home(page, mediator.name)
    # The styles must have arrived: before the load event a busy machine can show the page's
    # elements unstyled (no header colour: nothing to measure the outline against).
    page.wait_for_load_state("load")

    for link in (
        page.get_by_role("link", name="Mediator Portal"),
        page.get_by_role("link", name="Ελληνικά"),
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My profile"),
    ):
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        expect(link).to_be_focused()
        assert link.evaluate("(el) => getComputedStyle(el).outlineStyle") != "none"
        contrast = link.evaluate(FOCUS_CONTRAST)
        assert contrast >= 3, f"focus outline contrast {contrast:.1f}:1 on {link}"
