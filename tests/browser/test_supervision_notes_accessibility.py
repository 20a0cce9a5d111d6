"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the notes pages: the
supervisor's notes on a mediator (written, with the form, with a form error, and a future
session's page without the form), the mediator's action points and their access log, in
Greek and in English."""

import pytest
from playwright.sync_api import expect

from mediator_portal.supervision.models import NOTE_MAX
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.supervision.notes_world import note_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(app):
    return note_world(app)


def visit(page, url: str, locale: str) -> None:
    response = page.goto(f"{url}{'&' if '?' in url else '?'}lang={locale}")
    assert response.status == 200, url
    expect(page.locator("html")).to_have_attribute("lang", locale)
    assert_accessible(page)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_the_supervisors_notes_pages(new_page, world, locale):
    page = new_page()
    preload_axe(page)
    sign_in(page, world.supervisor)
    expect(page).not_to_have_url(LOGIN_URL)
    visit(page, world.notes_url, locale)
    visit(page, f"/supervision/slots/{world.future}/notes/{world.one_id}", locale)
    visit(page, f"/supervision/slots/{world.slot}", locale)
    page.goto(f"{world.notes_url}?lang={locale}")
    field = page.locator("#action_points")
    field.evaluate("element => element.removeAttribute('maxlength')")  # as a script could
    field.fill("α" * (NOTE_MAX + 1))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govgr-error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_the_mediators_notes_pages(new_page, world, locale):
    page = new_page()
    preload_axe(page)
    sign_in(page, world.one)
    expect(page).not_to_have_url(LOGIN_URL)
    visit(page, "/supervision/notes", locale)
    visit(page, "/supervision/notes/reads", locale)
    visit(page, "/supervision/bookings", locale)
