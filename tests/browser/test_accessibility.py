"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the foundation's pages.

Every page is checked in Greek and in English (the URL in a failure says which), on a
desktop and a phone viewport; on the phone also with the navigation menu open.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import expect_home, sign_in

pytestmark = pytest.mark.browser

LOCALES = ("el", "en")
VIEWPORTS = pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])


def open_page(page, path: str, locale: str, status: int = 200) -> None:
    separator = "&" if "?" in path else "?"
    response = page.goto(f"{path}{separator}lang={locale}")
    assert response.status == status, f"{path} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", locale)


@pytest.fixture
def new_page(new_page):
    """Pages with axe-core loaded in advance."""

    def open_with_axe(**options):
        page = new_page(**options)
        preload_axe(page)
        return page

    return open_with_axe


def check(page, phone: bool) -> None:
    """The page as it is, and on a phone with the navigation menu open as well."""
    assert_accessible(page)
    toggle = page.locator(".nav-toggle")
    if phone and toggle.count():
        expect(toggle).to_be_visible()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        assert_accessible(page)


def signed_in_page(new_page, user, phone: bool):
    page = new_page(phone=phone)
    sign_in(page, user.email)
    expect_home(page, user.name)
    return page


@VIEWPORTS
def test_login_page(new_page, phone):
    page = new_page(phone=phone)
    for locale in LOCALES:
        open_page(page, "/auth/login", locale)
        check(page, phone)
        # With the error shown after a failed attempt.
        sign_in(page, "nobody@example.org", "wrong password")
        expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")
        check(page, phone)


@VIEWPORTS
def test_home_and_profile_pages(new_page, user_of, phone):
    mediator = user_of("mediator", languages=("el", "ar", "ti"))
    page = signed_in_page(new_page, mediator, phone)
    for locale in LOCALES:
        open_page(page, "/", locale)
        check(page, phone)
        open_page(page, "/account/profile", locale)
        assert_accessible(page)  # the same navigation as the home page


@VIEWPORTS
def test_admin_user_list(new_page, user_of, phone):
    admin = user_of("admin")
    for number in range(3):
        user_of("mediator", name=f"Mediator {number}", languages=("el", "fa"))
    user_of("trainer", password=None)  # an invitation not accepted yet
    page = signed_in_page(new_page, admin, phone)
    for locale in LOCALES:
        open_page(page, "/admin/users", locale)
        expect(page.get_by_role("table")).to_be_visible()
        check(page, phone)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_not_found_page(new_page, user_of, signed_in):
    page = signed_in_page(new_page, user_of(), False) if signed_in else new_page()
    for locale in LOCALES:
        open_page(page, "/no-such-page", locale, status=404)
        assert_accessible(page)
