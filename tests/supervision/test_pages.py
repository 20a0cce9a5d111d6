"""The supervision pages through HTTP: publishing a weekly slot, the week and month views
with who booked, the booking page with "N of M seats free", booking and cancelling (saying
when it counts as late), the meeting link shown to those booked only from 30 minutes
before, assigning and moving a mediator, forming a group, a busy database answered 503."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Booking, Slot
from mediator_portal.timezones import to_local
from tests.supervision.factories import athens_day


def test_a_supervisor_publishes_a_weekly_group_slot(app, team, sign_in):
    browser = sign_in(team.supervisor)
    first = athens_day(14)
    response = browser.post(
        "/supervision/slots/new",
        data={
            "kind": "group",
            "capacity": "6",
            "group": str(team.group),
            "mode": "in_person",
            "place": "Αίθουσα 3",
            "day": first.isoformat(),
            "start": "10:00",
            "minutes": "90",
            "repeat_until": (first + timedelta(weeks=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    week = browser.get(response.headers["Location"]).text
    assert "4 slots are published." in week and "Αίθουσα 3" in week
    assert "6 of 6 seats free" in week
    with app.app_context():
        slots = db.session.scalars(select(Slot).where(Slot.place == "Αίθουσα 3")).all()
        assert len(slots) == 4 and {to_local(s.starts_at).hour for s in slots} == {10}


def test_a_slot_in_the_missing_hour_is_shown_beside_the_field(team, sign_in):
    response = sign_in(team.supervisor).post(
        "/supervision/slots/new",
        data={
            "kind": "individual",
            "mode": "online",
            "meeting_url": "https://m.example.org/x",
            "day": "2027-03-28",
            "start": "03:30",
            "minutes": "60",
        },
    )
    assert response.status_code == 422
    assert "does not exist in Athens on 28/03/2027" in response.text
    assert 'class="govgr-error-message"' in response.text


def test_booking_and_cancelling_through_the_pages(app, team, sign_in):
    mediator = sign_in(team.one)
    page = mediator.get(f"/supervision/book?week={athens_day(4).isoformat()}").text
    assert "1 of 1 seat free" in page
    assert mediator.post(f"/supervision/slots/{team.single}/book").status_code == 302
    mine = mediator.get("/supervision/bookings").text
    assert "Your seat is booked." in mine and "Free to cancel until 12 hours" in mine
    assert "0 of 1 seats free" in mine
    again = mediator.post(f"/supervision/slots/{team.single}/book")
    assert again.status_code == 409 and "You have already booked this slot." in again.text
    with app.app_context():
        booking = db.session.scalar(select(Booking).where(Booking.slot_id == team.single))
    supervisor_week = (
        sign_in(team.supervisor).get(f"/supervision/?week={athens_day(4).isoformat()}").text
    )
    assert "Booked:" in supervisor_week
    cancelled = mediator.post(f"/supervision/bookings/{booking.id}/cancel")
    assert cancelled.status_code == 302
    assert "Your booking is cancelled." in mediator.get("/supervision/bookings").text


def test_a_late_cancellation_is_said_before_and_after(app, team, sign_in):
    with app.app_context():
        slot = db.session.get(Slot, team.single)
        mediator = services.mediator_or_404(db.session, team.one_id)
        booking = services.book(db.session, slot, mediator)
        slot.starts_at = utcnow() + timedelta(hours=5)
        slot.ends_at = slot.starts_at + timedelta(hours=1)
        db.session.commit()
        booking_id = booking.id
    browser = sign_in(team.one)
    assert (
        "Cancelling now counts as a late cancellation." in browser.get("/supervision/bookings").text
    )
    browser.post(f"/supervision/bookings/{booking_id}/cancel")
    page = browser.get("/supervision/bookings").text
    assert "it is recorded as a late cancellation" in page and "Cancelled late" in page


def test_the_meeting_link_is_for_those_booked_from_thirty_minutes_before(app, team, sign_in):
    with app.app_context():
        slot = db.session.get(Slot, team.single)
        services.book(db.session, slot, services.mediator_or_404(db.session, team.one_id))
        db.session.commit()
    booked = sign_in(team.one)
    page = booked.get(f"/supervision/slots/{team.single}").text
    assert "https://meet.example.org/room" not in page
    assert "from 30 minutes before the start" in page
    with app.app_context():
        slot = db.session.get(Slot, team.single)
        slot.starts_at = utcnow() + timedelta(minutes=29)
        slot.ends_at = slot.starts_at + timedelta(hours=1)
        db.session.commit()
    assert "https://meet.example.org/room" in booked.get(f"/supervision/slots/{team.single}").text
    other = sign_in(team.two).get(f"/supervision/slots/{team.single}").text
    assert "https://meet.example.org/room" not in other


def test_changing_a_booked_slot_needs_a_reason_and_tells_them(app, team, sign_in):
    with app.app_context():
        slot = db.session.get(Slot, team.single)
        services.book(db.session, slot, services.mediator_or_404(db.session, team.one_id))
        db.session.commit()
        local = to_local(slot.starts_at)
    data = {
        "mode": "online",
        "meeting_url": "https://meet.example.org/new",
        "day": local.date().isoformat(),
        "start": "18:00",
        "minutes": "50",
    }
    browser = sign_in(team.supervisor)
    refused = browser.post(f"/supervision/slots/{team.single}/edit", data=data)
    assert refused.status_code == 422 and "Please say why" in refused.text
    done = browser.post(
        f"/supervision/slots/{team.single}/edit", data={**data, "reason": "Σύσκεψη"}
    )
    assert done.status_code == 302
    told = sign_in(team.one).get("/notifications/?lang=en").text
    assert "A supervision session I booked was changed" in told and "Σύσκεψη" in told


def test_cancelling_a_slot_from_its_page(app, team, sign_in):
    browser = sign_in(team.supervisor)
    page = browser.get(f"/supervision/slots/{team.weekly}").text
    assert "Cancel the weekly series from a day" in page
    response = browser.post(f"/supervision/slots/{team.weekly}/cancel", data={"reason": ""})
    assert response.status_code == 302
    assert "This slot was cancelled." in browser.get(f"/supervision/slots/{team.weekly}").text


def test_an_administrator_assigns_and_moves_a_mediator(app, team, sign_in, user_of):
    newcomer = user_of("mediator", name="Νέα Διαμεσολαβήτρια")
    browser = sign_in(team.admin)
    listing = browser.get("/supervision/assignments").text
    assert "Νέα Διαμεσολαβήτρια" in listing and "None yet" in listing
    target = f"/supervision/assignments/{newcomer.id}"
    assert browser.post(target, data={"supervisor": str(team.supervisor_id)}).status_code == 302
    with app.app_context():
        stranger = services.current_assignment(db.session, team.theirs_id).supervisor_id
    assert browser.post(target, data={"supervisor": str(stranger)}).status_code == 302
    page = browser.get(target).text
    assert page.count("<li>") >= 2 and "now" in page
    same = browser.post(target, data={"supervisor": str(stranger)})
    assert same.status_code == 409 and "already supervised by that supervisor" in same.text
    assert browser.get("/supervision/assignments/999999").status_code == 404


def test_a_supervisor_forms_a_group_of_their_supervisees(app, team, sign_in):
    browser = sign_in(team.supervisor)
    form = browser.get("/supervision/groups/new").text
    offered = {int(v) for v in re.findall(r'name="members" type="checkbox" value="(\d+)"', form)}
    assert offered == {team.one_id, team.two_id}
    response = browser.post(
        "/supervision/groups/new",
        data={"name": "Ομάδα Πέμπτης", "members": [str(team.one_id), str(team.two_id)]},
    )
    assert response.status_code == 302
    assert "Ομάδα Πέμπτης" in browser.get("/supervision/supervisees").text
    foreign = browser.post(
        "/supervision/groups/new", data={"name": "Ξένη", "members": [str(team.theirs_id)]}
    )
    assert foreign.status_code == 422 and "only mediators you supervise" in foreign.text


def test_the_home_panel_shows_the_next_supervision(app, team, sign_in):
    mediator = sign_in(team.one)
    assert "No supervision session booked." in mediator.get("/").text
    mediator.post(f"/supervision/slots/{team.single}/book")
    home = mediator.get("/").text
    assert "My next supervision" in home and f"/supervision/slots/{team.single}" in home
    assert f"/supervision/slots/{team.single}" in sign_in(team.supervisor).get("/").text


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_database_that_stays_busy_answers_try_again(team, sign_in, monkeypatch, accept):
    calls = []

    def locked(*_args, **_kwargs):
        calls.append(1)
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    monkeypatch.setattr(services, "book_seat", locked)
    response = sign_in(team.one).post(
        f"/supervision/slots/{team.single}/book", headers={"Accept": accept}
    )
    assert response.status_code == 503 and len(calls) == 4
    assert "Please try again." in response.text
