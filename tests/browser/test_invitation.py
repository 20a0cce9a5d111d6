"""An admin invites a person; the invitation arrives by SMTP; the person joins and signs in."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from tests.browser.helpers import LOGIN_URL, expect_home, sign_in
from tests.factories import make_municipality
from tests.smtp import body_of

pytestmark = pytest.mark.browser

INVITATION_LINK = re.compile(r"https?://\S+/auth/invitation/\S+")
NEW_PASSWORD = "olive trees by the harbour of Patras"  # noqa: S105


@pytest.fixture
def municipality_id(app):
    with app.app_context():
        municipality = make_municipality(name="Δήμος Πατρέων", name_en="Patras")
        db.session.commit()
        return municipality.id


def test_admin_invites_a_mediator_who_sets_a_password_and_signs_in(
    app, new_page, user_of, smtp_server, municipality_id, worker
):
    admin = user_of("admin", name="Eleni Papadaki")
    address = "layla.ahmadi@example.org"

    page = new_page()
    sign_in(page, admin.email)
    expect_home(page, "Eleni Papadaki")
    page.goto("/admin/users/new")
    page.locator("#name").fill("Layla Ahmadi")
    page.locator("#email").fill(address)
    page.locator("#role").select_option("mediator")
    page.locator("#municipality_id").select_option(str(municipality_id))
    page.locator("input[name=languages][value=ar]").check()
    page.locator("input[name=languages][value=fa]").check()
    page.locator("input[name=locale][value=en]").check()
    page.locator("form:has(#email) button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/admin/users"))
    expect(page.get_by_role("status")).to_contain_text(address)
    expect(page.get_by_role("main")).to_contain_text("Layla Ahmadi")

    # The invitation went through the job worker and the SMTP server, in the language chosen
    # for the person.
    worker.drain()
    messages = smtp_server.to(address)
    assert len(messages) == 1, f"expected one invitation, got {len(messages)}"
    body = body_of(messages[0])
    assert "Layla Ahmadi" in body
    assert "choose your password" in body
    link = INVITATION_LINK.search(body).group(0)

    # The person opens the link in a browser of their own.
    newcomer = new_page()
    response = newcomer.goto(link)
    assert response.status == 200
    expect(newcomer.get_by_role("heading", level=1)).to_contain_text("Layla Ahmadi")
    newcomer.locator("#password").fill(NEW_PASSWORD)
    newcomer.locator("#confirm").fill(NEW_PASSWORD)
    newcomer.locator("main form button[type=submit]").click()

    expect(newcomer).to_have_url(LOGIN_URL)
    sign_in(newcomer, address, NEW_PASSWORD)
    expect_home(newcomer, "Layla Ahmadi")
    # The account's interface language (English) applies, and its municipality is shown.
    expect(newcomer.locator("html")).to_have_attribute("lang", "en")
    expect(newcomer.get_by_role("main")).to_contain_text("Patras")

    # The link works once only.
    again = new_page()
    response = again.goto(link)
    assert response.status >= 400
    expect(again.locator("#password")).to_have_count(0)


def test_invitation_form_keeps_what_was_typed_when_an_address_is_taken(app, new_page, user_of):
    admin = user_of("admin")
    taken = user_of("mediator")

    page = new_page()
    sign_in(page, admin.email)
    expect_home(page, admin.name)
    page.goto("/admin/users/new?lang=en")
    page.locator("#name").fill("Someone Else")
    page.locator("#email").fill(taken.email)
    page.locator("#role").select_option("trainer")
    page.locator("input[name=languages][value=ar]").check()
    page.locator("form:has(#email) button[type=submit]").click()

    expect(page.locator("#email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#name")).to_have_value("Someone Else")
    expect(page.locator("#email")).to_have_value(taken.email)
    expect(page.locator("#role")).to_have_value("trainer")
    expect(page.locator("input[name=languages][value=ar]")).to_be_checked()
