"""The second half of issue 14's journey in a real browser: a full two-seat group slot with a
third mediator on its waitlist; a booked mediator cancels on her phone; the waitlisted one,
on her phone, sees the notification badge rise live (no reload), opens "My bookings" and
accepts the seat in one click. Then a session that has already taken place: the supervisor
marks attendance on its page and writes notes; the mediator opens her action points and
sees the shared marker, never the private one. axe-core checks every page visited."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in, wait_for_socket
from tests.factories import make_user
from tests.supervision.factories import make_slot
from tests.supervision.hours_factories import book_back_then, past_slot

pytestmark = pytest.mark.browser

SHARED = "jrnyshared4k8w"
PRIVATE = "jrnyprivate2m5q"


@pytest.fixture
def team(app):
    """A supervisor and three supervisees: Anna and Nikos hold the two seats of a group slot
    in five days, Eleni waits for one; Nikos and Eleni booked yesterday's group session."""
    with app.app_context():
        admin, supervisor = make_user("admin"), make_user("supervisor", name="Σοφία Επόπτρια")
        anna, nikos, eleni = (
            make_user("mediator", name=name)
            for name in ("Άννα Κρατά", "Νίκος Μένει", "Ελένη Περιμένει")
        )
        for person in (anna, nikos, eleni):
            services.assign(
                db.session, actor=admin, mediator_id=person.id, supervisor_id=supervisor.id
            )
        full = make_slot(supervisor, kind="group", capacity=2, days_ahead=5)
        for person in (anna, nikos):
            services.book(db.session, full, person)
        services.join(db.session, full, eleni)
        held = past_slot(supervisor, kind="group", capacity=4, days_ago=1)
        book_back_then(held, nikos, eleni)
        db.session.commit()
        return SimpleNamespace(
            supervisor=supervisor.email,
            anna=anna.email,
            eleni=eleni.email,
            eleni_id=eleni.id,
            eleni_name=eleni.name,
            nikos_id=nikos.id,
            full=full.id,
            held=held.id,
        )


def checked(page):
    """Check the page with axe-core (it is preloaded in every document)."""
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_the_waitlisted_mediator_is_offered_the_seat_live_then_sees_only_her_action_points(
    new_page, team
):
    eleni = new_page(phone=True)
    preload_axe(eleni)
    sign_in(eleni, team.eleni)
    expect(eleni).not_to_have_url(LOGIN_URL)
    eleni.goto("/supervision/bookings?lang=en")
    waitlist = eleni.locator("#my-waitlist")
    expect(waitlist).to_contain_text("Waiting")
    expect(waitlist.get_by_role("button", name=re.compile("^Accept the seat"))).to_have_count(0)
    checked(eleni)
    wait_for_socket(eleni)
    count = eleni.locator("[data-notification-count]").first
    before = int(count.text_content())

    anna = new_page(phone=True)
    preload_axe(anna)
    sign_in(anna, team.anna)
    expect(anna).not_to_have_url(LOGIN_URL)
    anna.goto("/supervision/bookings?lang=en")
    anna.locator("#my-bookings").get_by_role("button", name=re.compile("^Cancel")).click()
    expect(anna.locator("main")).to_contain_text("Your booking is cancelled.")
    checked(anna)

    expect(count).to_have_text(str(before + 1))  # live: Eleni's page was not reloaded
    expect(waitlist).to_contain_text("Waiting")  # the page itself is as it was
    eleni.reload()
    expect(waitlist).to_contain_text("Seat offered")
    checked(eleni)
    waitlist.get_by_role("button", name=re.compile("^Accept the seat")).click()
    expect(eleni).to_have_url(re.compile(rf"/supervision/slots/{team.full}(\?.*)?$"))
    expect(eleni.locator("main")).to_contain_text("You accepted the seat: it is booked.")
    expect(eleni.locator("#my-booking")).to_contain_text("You have booked a seat.")
    expect(eleni.locator("main")).to_contain_text("0 of 2 seats free")
    checked(eleni)
    eleni.goto("/supervision/bookings?lang=en")
    expect(eleni.locator(f"#my-bookings a[href='/supervision/slots/{team.full}']")).to_be_visible()
    expect(eleni.locator("#my-waitlist")).to_have_count(0)

    desk = new_page()
    preload_axe(desk)
    sign_in(desk, team.supervisor)
    expect(desk).not_to_have_url(LOGIN_URL)
    desk.goto(f"/supervision/slots/{team.held}?lang=en")
    checked(desk)
    desk.locator("#attendance-link").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Attendance")
    checked(desk)
    desk.locator(f"#person-{team.eleni_id}").get_by_role("radio", name="Attended").check()
    desk.locator(f"#person-{team.nikos_id}").get_by_role("radio", name="No-show").check()
    desk.get_by_role("button", name="Save attendance").click()
    expect(desk.locator("main")).to_contain_text("Attendance saved.")
    expect(desk.locator(f"#mark-{team.eleni_id}-attended")).to_be_checked()
    expect(desk.locator(f"#mark-{team.nikos_id}-no_show")).to_be_checked()
    checked(desk)

    desk.goto(f"/supervision/slots/{team.held}?lang=en")
    desk.locator("#bookings").get_by_role("link", name=f"Notes {team.eleni_name}").click()
    expect(desk).to_have_url(re.compile(rf"/supervision/slots/{team.held}/notes/{team.eleni_id}"))
    desk.locator("#action_points").fill(f"Read the guide on interpreting. {SHARED}")
    desk.locator("#private").fill(f"Seemed tired today. {PRIVATE}")
    desk.get_by_role("button", name="Save the notes").click()
    expect(desk.locator("main")).to_contain_text("The notes are saved.")
    expect(desk.locator("#action_points")).to_have_value(re.compile(SHARED))
    checked(desk)

    eleni.goto("/supervision/bookings?lang=en")
    eleni.get_by_role("link", name="Action points from supervision").click()
    expect(eleni).to_have_url(re.compile(r"/supervision/notes(\?.*)?$"))
    expect(eleni.locator("#my-notes")).to_contain_text(SHARED)
    assert PRIVATE not in eleni.content()
    checked(eleni)
    eleni.goto("/supervision/notes/reads?lang=en")
    assert PRIVATE not in eleni.content()
    checked(eleni)
