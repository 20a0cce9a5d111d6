"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the supervision hours
pages (a slot's attendance sheet, the mediator's record and dispute form, a supervisee's
record, the totals, the periods and a period's form), in Greek and in English, and with a
form's error messages shown."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.supervision.hours_world import hours_world_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

PAGES = {
    "supervisor": [
        "/supervision/slots/{group}/attendance",
        "/supervision/slots/{upcoming}/attendance",
        "/supervision/slots/{group}",
        "/supervision/supervisees/{one_id}/hours",
        "/supervision/supervisees",
    ],
    "one": ["/supervision/hours", "/supervision/hours/{mark}/dispute"],
    "trainer": ["/supervision/hours/totals", "/supervision/hours/totals?period=all"],
    "admin": [
        "/supervision/hours/totals",
        "/supervision/periods",
        "/supervision/periods/new",
        "/supervision/periods/{period}/edit",
    ],
}


@pytest.mark.parametrize("locale", ("el", "en"))
@pytest.mark.parametrize("role", sorted(PAGES))
def test_hours_pages(new_page, hours_world, locale, role):
    page = new_page()
    preload_axe(page)
    sign_in(page, getattr(hours_world, role))
    expect(page).not_to_have_url(LOGIN_URL)
    for path in PAGES[role]:
        url = path.format(**vars(hours_world))
        response = page.goto(f"{url}{'&' if '?' in url else '?'}lang={locale}")
        assert response.status == 200, url
        expect(page.locator("html")).to_have_attribute("lang", locale)
        assert_accessible(page)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_the_forms_with_their_errors(new_page, hours_world, locale):
    page = new_page()
    preload_axe(page)
    sign_in(page, hours_world.admin)
    page.goto(f"/supervision/periods/new?lang={locale}")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govgr-error-summary")).to_be_visible()
    assert_accessible(page)
    mediator = new_page()
    preload_axe(mediator)
    sign_in(mediator, hours_world.one)
    mediator.goto(f"/supervision/hours/{hours_world.mark}/dispute?lang={locale}")
    mediator.locator("#comment").fill(" ")
    mediator.locator("main form button[type=submit]").click()
    expect(mediator.locator(".govgr-error-summary")).to_be_visible()
    assert_accessible(mediator)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_the_sheet_with_its_error(new_page, hours_world, locale):
    page = new_page()
    preload_axe(page)
    sign_in(page, hours_world.supervisor)
    page.goto(f"/supervision/slots/{hours_world.group}/attendance?lang={locale}")
    page.evaluate(
        "document.querySelector('#attendance-form input[type=radio]:checked').value = 'x'"
    )
    page.locator("#attendance-form button[type=submit]").click()
    expect(page.locator(".govgr-error-summary")).to_be_visible()
    assert_accessible(page)
