"""An account under protection, in Chromium: after a stranger's failures the owner's right
password leads to an e-mailed link (queued once the page is sent, sent by the job worker
through the real SMTP server), whose page signs in with one button."""

import re
import time

import pytest
from flask_babel import force_locale
from playwright.sync_api import expect

from mediator_portal.accounts.views.auth import protection_notice
from tests.browser.axe import assert_accessible
from tests.browser.helpers import expect_home, sign_in
from tests.smtp import body_of

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://\S+(/auth/sign-in/\S+)")


def _wait_for_link(mailbox, address: str, timeout: float = 10.0) -> str:
    """The path of the sign-in link e-mailed to `address` (the server sends it after the
    page, so it may arrive a moment later)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mailbox:
            if address in message["X-Envelope-To"]:
                return LINK.search(body_of(message)).group(1)
        time.sleep(0.05)
    raise AssertionError(f"no sign-in link was e-mailed to {address}")


@pytest.mark.parametrize("locale", ["el", "en"])
def test_the_owner_finishes_signing_in_from_the_mail(
    app, new_client, new_page, user_of, mailbox, worker, locale
):
    owner = user_of("mediator", name="Αμίνα Χασάν")
    for number in range(10):
        new_client().post(
            "/auth/login",
            data={"email": owner.email, "password": "a stranger's guess"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{number + 1}"},
        )
    page = new_page(locale=f"{locale}-GR" if locale == "el" else "en-GB")
    page.goto(f"/auth/login?lang={locale}")
    sign_in(page, owner.email)

    with app.test_request_context(), force_locale(locale):
        notice = str(protection_notice(15))
    expect(page.get_by_role("status")).to_contain_text(notice)
    expect(page.locator("#email")).to_have_value(owner.email)
    assert_accessible(page)

    page.goto(_wait_for_link(mailbox, owner.email))
    expect(page.locator("main")).to_contain_text(owner.email)
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect_home(page, "Αμίνα Χασάν")
