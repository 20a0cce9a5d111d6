"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the supervision pages
(the supervisor's week and month, supervisees and groups, a slot, publishing, changing and
cancelling a slot or a series, a group's form; the mediator's booking page, their bookings
and a slot they booked; the administrators' list and the page assigning one mediator), in
Greek and in English, and with a form's error messages shown."""

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.factories import make_user
from tests.supervision.factories import athens_day, make_slot, make_team

pytestmark = pytest.mark.browser


@pytest.fixture
def world(app):
    """A supervisor, their mediator with a booking, a group, a weekly and a single slot."""
    with app.app_context():
        admin = make_user("admin")
        supervisor, (mediator, other) = make_team(2, admin=admin)
        group = services.create_group(
            db.session, supervisor=supervisor, name="Ομάδα Τετάρτης", member_ids=[mediator.id]
        )
        weekly = make_slot(
            supervisor, kind="group", capacity=6, group_id=group.id, repeat_until=athens_day(10)
        )
        single = make_slot(supervisor, days_ahead=4, online=False)
        services.book(db.session, weekly, mediator)
        services.book(db.session, single, other)
        db.session.commit()
        week = services.monday_of(athens_day(3)).isoformat()
        return {
            "admin": admin.email,
            "supervisor": supervisor.email,
            "mediator": mediator.email,
            "mediator_id": mediator.id,
            "group": group.id,
            "weekly": weekly.id,
            "series": weekly.series_id,
            "week": week,
        }


PAGES = {
    "supervisor": [
        "/supervision/?week={week}",
        "/supervision/month",
        "/supervision/supervisees",
        "/supervision/groups/new",
        "/supervision/groups/{group}/edit",
        "/supervision/slots/new",
        "/supervision/slots/{weekly}",
        "/supervision/slots/{weekly}/edit",
        "/supervision/slots/{weekly}/cancel",
        "/supervision/series/{series}/cancel",
        "/",
    ],
    "mediator": [
        "/supervision/book?week={week}",
        "/supervision/bookings",
        "/supervision/bookings?when=past",
        "/supervision/slots/{weekly}",
        "/",
    ],
    "admin": ["/supervision/assignments", "/supervision/assignments/{mediator_id}"],
}


@pytest.mark.parametrize("locale", ("el", "en"))
@pytest.mark.parametrize("role", sorted(PAGES))
def test_supervision_pages(new_page, world, locale, role):
    page = new_page()
    preload_axe(page)
    sign_in(page, world[role])
    expect(page).not_to_have_url(LOGIN_URL)
    for path in PAGES[role]:
        url = path.format(**world)
        response = page.goto(f"{url}{'&' if '?' in url else '?'}lang={locale}")
        assert response.status == 200, url
        expect(page.locator("html")).to_have_attribute("lang", locale)
        assert_accessible(page)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_the_slot_form_with_its_errors(new_page, world, locale):
    page = new_page()
    preload_axe(page)
    sign_in(page, world["supervisor"])
    page.goto(f"/supervision/slots/new?lang={locale}")
    page.locator('input[name="kind"][value="group"]').check()
    page.locator("#capacity").fill("99")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govgr-error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def waitlist(app):
    """A full two-seat group slot: one mediator waiting, another offered a freed seat."""
    with app.app_context():
        supervisor, (one, two, waiting, offered, other) = make_team(5)
        slot = make_slot(supervisor, kind="group", capacity=2, days_ahead=5)
        first = services.book(db.session, slot, one)
        services.book(db.session, slot, two)
        services.join(db.session, slot, offered)
        services.join(db.session, slot, waiting)
        db.session.commit()
        services.cancel_booking(db.session, first, one)
        services.offer_free_seats(db.session, slot)
        db.session.commit()
        return {
            "slot": slot.id,
            "week": services.monday_of(athens_day(5)).isoformat(),
            "supervisor": supervisor.email,
            "waiting": waiting.email,
            "offered": offered.email,
            "other": other.email,
        }


WAITLIST_PAGES = {
    "supervisor": ["/supervision/slots/{slot}"],
    "waiting": ["/supervision/slots/{slot}", "/supervision/bookings"],
    "offered": ["/supervision/slots/{slot}", "/supervision/bookings"],
    "other": ["/supervision/slots/{slot}", "/supervision/book?week={week}"],
}


@pytest.mark.parametrize("locale", ("el", "en"))
@pytest.mark.parametrize("who", sorted(WAITLIST_PAGES))
def test_the_waitlist_states(new_page, waitlist, locale, who):
    page = new_page()
    preload_axe(page)
    sign_in(page, waitlist[who])
    expect(page).not_to_have_url(LOGIN_URL)
    for path in WAITLIST_PAGES[who]:
        url = path.format(**waitlist)
        response = page.goto(f"{url}{'&' if '?' in url else '?'}lang={locale}")
        assert response.status == 200, url
        if url.startswith("/supervision/slots/"):
            expect(page.locator("#waitlist, #waitlist-count")).to_have_count(1)
        assert_accessible(page)
