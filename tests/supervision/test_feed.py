"""Supervision in the calendar feed (fetched over HTTP, parsed with icalendar, expanded with
recurring-ical-events): a mediator's bookings and a supervisor's booked slots, titled
"Clinical supervision", place or "Online", the slot's link, stable UIDs, no other person's
name, no notes; SEQUENCE goes up after a change; cancellations stay as STATUS:CANCELLED."""

from datetime import timedelta

import pytest
import recurring_ical_events
from sqlalchemy import select

from mediator_portal.accounts.models import User
from mediator_portal.calendar import services as calendar
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Booking
from tests.calendar.helpers import fetch
from tests.supervision.factories import athens_day, make_slot, make_team

pytestmark = pytest.mark.database

MARKERS = ("Ζωή-Μοναδική-7781", "Άρης-Ξεχωριστός-9912", "Επόπτρια-Σπάνια-4431")


def feed_of(app, client, email: str) -> str:
    with app.app_context():
        from sqlalchemy import select

        from mediator_portal.accounts.models import User

        user = db.session.scalar(select(User).where(User.email == email))
        token = calendar.regenerate(db.session, user)
        db.session.commit()
    return f"/calendar/{token}.ics"


@pytest.fixture
def world(app):
    with app.app_context():
        supervisor, (one, two, idle) = make_team(3)
        for person, marker in zip((one, two, supervisor), MARKERS, strict=True):
            person.name = marker
        booked = make_slot(supervisor, kind="group", capacity=4, online=False, days_ahead=6)
        empty = make_slot(supervisor, kind="group", capacity=4, days_ahead=7)
        for person in (one, two):
            services.book(db.session, booked, person)
        db.session.commit()
        return {
            "one": one.email,
            "idle": idle.email,
            "supervisor": supervisor.email,
            "booked": booked.id,
            "empty": empty.id,
            "one_id": one.id,
        }


def events(app, client, email):
    calendar_ = fetch(client, feed_of(app, client, email))
    recurring_ical_events.of(calendar_).between(athens_day(0), athens_day(30))
    text = calendar_.to_ical().decode()
    return {str(e["UID"]): e for e in calendar_.walk("VEVENT")}, text


def test_a_mediator_sees_their_booking_generic_and_without_names(app, client, world):
    found, text = events(app, client, world["one"])
    [(uid, event)] = found.items()
    assert uid.startswith(f"supervision-slot-{world['booked']}@")
    assert str(event["SUMMARY"]) == "Κλινική εποπτεία"  # the default language
    assert str(event["LOCATION"]) == "Αίθουσα"
    assert str(event["URL"]).endswith(f"/supervision/slots/{world['booked']}")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert not any(marker in text for marker in MARKERS)
    assert "meet.example.org" not in text
    assert events(app, client, world["idle"])[0] == {}


def test_a_supervisor_sees_only_booked_slots_without_names(app, client, world):
    found, text = events(app, client, world["supervisor"])
    assert [str(e["UID"]).split("@")[0] for e in found.values()] == [
        f"supervision-slot-{world['booked']}"
    ]
    assert not any(marker in text for marker in MARKERS)


def test_a_change_raises_the_sequence_and_a_cancellation_stays_cancelled(app, client, world):
    before, _ = events(app, client, world["one"])
    [first] = before.values()
    with app.app_context():
        slot = services.get_slot(db.session, world["booked"])
        supervisor = db.session.get(User, slot.supervisor_id)
        local = slot.starts_at + timedelta(hours=1)
        services.edit(
            db.session,
            slot,
            supervisor=supervisor,
            where=services.Where(False, None, "Αίθουσα 2"),
            day=(local + timedelta(hours=3)).date(),
            start=(local + timedelta(hours=2)).time(),
            minutes=60,
            capacity=4,
            reason="Άλλη ώρα",
        )
        db.session.commit()
    after, _ = events(app, client, world["one"])
    [second] = after.values()
    assert str(second["UID"]) == str(first["UID"])
    assert int(second.get("SEQUENCE", 0)) > int(first.get("SEQUENCE", 0))
    with app.app_context():
        booking = services.own_booking_or_404(
            db.session,
            db.session.get(User, world["one_id"]),
            db.session.scalar(select(Booking.id).where(Booking.mediator_id == world["one_id"])),
        )
        services.cancel_booking(db.session, booking, db.session.get(User, world["one_id"]))
        db.session.commit()
    cancelled, _ = events(app, client, world["one"])
    [third] = cancelled.values()
    assert str(third["STATUS"]) == "CANCELLED"
    assert int(third["SEQUENCE"]) > int(second.get("SEQUENCE", 0))
