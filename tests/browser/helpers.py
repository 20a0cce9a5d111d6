"""Helpers for the browser tests: sign in through the real form, translated texts, the socket.

Texts are looked up through the app's own Flask-Babel catalogue, so a test that
finds a button by its name works whether or not the Greek catalogue is compiled.
Assertions that only make sense with real Greek text go through `require_greek`.
"""

import re
from pathlib import Path

from flask_babel import force_locale, gettext
from playwright.sync_api import Page, expect

from tests.factories import DEFAULT_PASSWORD
from tests.support import skip_or_fail

GREEK_CATALOGUE = (
    Path(__file__).resolve().parents[2]
    / "mediator_portal"
    / "translations"
    / "el"
    / "LC_MESSAGES"
    / "messages.mo"
)

HOME_URL = re.compile(r"^https?://[^/]+/$")
LOGIN_URL = re.compile(r"/auth/login(\?.*)?$")


def greek_catalogue_ready() -> bool:
    """True when the compiled Greek catalogue exists."""
    return GREEK_CATALOGUE.exists()


def require_greek() -> None:
    """Skip the Greek-text part of a test until the catalogue is compiled (fail under CI)."""
    if not greek_catalogue_ready():
        skip_or_fail(
            f"the Greek catalogue is not compiled yet ({GREEK_CATALOGUE.name} missing); "
            "run `make translations` to check the Greek texts"
        )


def translated(app, message: str, locale: str, **variables) -> str:
    """`message` as the app shows it in `locale` (English when no catalogue is compiled)."""
    with app.test_request_context(), force_locale(locale):
        return gettext(message, **variables)


def sign_in(page: Page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    """Fill in and send the login form of the page (opening it when needed)."""
    if "/auth/login" not in page.url:
        page.goto("/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def expect_home(page: Page, name: str) -> None:
    """The signed-in start page of the person called `name`."""
    expect(page).to_have_url(HOME_URL)
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def wait_for_socket(page: Page, timeout: float = 10_000) -> None:
    """Wait until the page's Socket.IO connection is established."""
    page.wait_for_function(
        "() => window.portalSocket && window.portalSocket.connected", timeout=timeout
    )
