"""The feed's content: RFC 5545 that icalendar parses and recurring-ical-events expands, the
Athens zone, stable UIDs, a SEQUENCE that goes up when a session moves, the sessions one goes
to (CONFIRMED) or waits for (TENTATIVE) and no other, no other person's name, no notes or
descriptions, cancelled events kept with STATUS:CANCELLED."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest
import recurring_ical_events
from flask import Blueprint

from mediator_portal.calendar_files import CANCELLED, CalendarEvent
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.features import EXTENSION, Feature
from mediator_portal.training import services as training
from tests.calendar.helpers import feed_url, fetch
from tests.factories import make_user
from tests.forums.conftest import account
from tests.training.factories import make_session

DAY = date(2027, 7, 14)  # summer time, in the future


def test_a_feed_parses_expands_and_keeps_athens_wall_time(client, member, seed):
    person = member("mediator", locale="en")

    def build():
        row = make_session(title="Διερμηνεία στην υγεία", day=DAY, start=time(10, 0))
        training.answer_session(db.session, row, account(person), "going")
        return row.id

    session_id = seed(build)
    calendar = fetch(client, feed_url(seed, person))
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Athens"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"training-session-{session_id}@localhost"
    assert str(event["SUMMARY"]) == "Διερμηνεία στην υγεία"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Online"  # the member's language (English)
    assert str(event["URL"]).endswith(f"/training/sessions/{session_id}")
    assert "DTSTAMP" in event
    starts = event.decoded("DTSTART")
    assert (starts.date(), starts.time(), str(starts.tzinfo)) == (DAY, time(10), "Europe/Athens")
    [expanded] = recurring_ical_events.of(calendar).at(DAY)
    assert expanded.decoded("DTSTART").hour == 10
    assert str(calendar["X-WR-CALNAME"]) == "Mediator Portal"


def test_going_is_confirmed_waitlisted_tentative_and_nothing_else(client, member, seed):
    person = member("mediator")

    def build():
        viewer, other = account(person), make_user()
        going, waiting, maybe, no, not_mine = (make_session(capacity=1) for _ in range(5))
        training.answer_session(db.session, going, viewer, "going")
        training.answer_session(db.session, waiting, other, "going")
        training.answer_session(db.session, waiting, viewer, "going")  # full: waitlisted
        training.answer_session(db.session, maybe, viewer, "maybe")
        training.answer_session(db.session, no, viewer, "not_going")
        training.answer_session(db.session, not_mine, other, "going")
        return going.id, waiting.id

    going, waiting = seed(build)
    events = fetch(client, feed_url(seed, person)).walk("VEVENT")
    found = {str(event["UID"]).split("@")[0]: str(event["STATUS"]) for event in events}
    assert found == {
        f"training-session-{going}": "CONFIRMED",
        f"training-session-{waiting}": "TENTATIVE",
    }


def test_sessions_long_past_leave_the_feed(client, member, seed):
    person = member("mediator")

    def build():
        for days in (-10, -400):
            row = make_session()
            training.answer_session(db.session, row, account(person), "going")
            row.starts_at += timedelta(days=days - 7)
            row.ends_at += timedelta(days=days - 7)
        return None

    seed(build)
    assert len(fetch(client, feed_url(seed, person)).walk("VEVENT")) == 1


def test_no_other_person_and_no_text_of_anyone_in_the_feed(client, member, seed):
    person = member("mediator", name="Viewer Person")

    def build():
        trainer = make_user("trainer", name="Trainer ΜΑΡΚΕΡ-ΕΚΠ-51c2")
        colleague = make_user(name="Colleague ΜΑΡΚΕΡ-ΣΥΝ-88d1")
        row = make_session(
            trainer,
            description="Περιγραφή ΜΑΡΚΕΡ-ΚΕΙΜΕΝΟ-3e7b",
            meeting_url="https://meet.example.org/ΜΑΡΚΕΡ-LINK",
        )
        for who in (account(person), colleague):
            training.answer_session(db.session, row, who, "going")
        return None

    seed(build)
    body = client.get(feed_url(seed, person)).get_data(as_text=True)
    for marker in ("ΜΑΡΚΕΡ", "Viewer Person", "@example", "meet.example.org"):
        assert marker not in body


def test_the_sequence_goes_up_when_a_session_moves_and_the_uid_stays(client, member, seed):
    person = member("mediator", locale="en")

    def build():
        row = make_session(day=DAY)
        training.answer_session(db.session, row, account(person), "going")
        return row.id

    session_id = seed(build)
    url = feed_url(seed, person)
    [before] = fetch(client, url).walk("VEVENT")
    assert "SEQUENCE" not in before  # 0

    def move(**changes):
        def run():
            row = training.get_session(db.session, session_id)
            values = dict(day=DAY, start=time(10), end=time(12), online=True)
            values["meeting_url"] = row.meeting_url
            training.reschedule_session(
                db.session, row, actor=make_user("trainer"), **{**values, **changes}
            )

        seed(run)

    move(start=time(11))
    [after] = fetch(client, url).walk("VEVENT")
    assert after["UID"] == before["UID"]
    assert after.decoded("SEQUENCE") == 1
    assert after.decoded("DTSTART").hour == 11
    move(start=time(11), online=False, place="Αίθουσα Β")
    [moved] = fetch(client, url).walk("VEVENT")
    assert moved.decoded("SEQUENCE") == 2
    assert str(moved["LOCATION"]) == "Αίθουσα Β"


def test_the_feed_speaks_its_owners_language(client, logged_in, seed):
    person = logged_in("mediator", locale="el")

    def build():
        training.answer_session(db.session, make_session(), account(person), "going")

    seed(build)
    calendar = fetch(client, feed_url(seed, person))
    [event] = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "Διαδικτυακά"
    assert str(calendar["X-WR-CALNAME"]) == "Πύλη Μεσολαβητών"


def test_an_empty_feed_is_a_valid_calendar(client, member, seed):
    calendar = fetch(client, feed_url(seed, member("mediator")))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE")


@pytest.fixture
def extra_provider(app, monkeypatch):
    """`extra_provider(fn)` adds a feature whose calendar_events is `fn`, for this test."""

    def add(provider):
        extra = Feature("extra", Blueprint("extra", __name__), calendar_events=provider)
        monkeypatch.setitem(app.extensions, EXTENSION, [*app.extensions[EXTENSION], extra])

    return add


def test_other_features_add_events_and_cancelled_ones_stay(client, member, seed, extra_provider):
    start = utcnow().replace(microsecond=0) + timedelta(days=3)
    event = CalendarEvent("supervision-slot-7@localhost", "Clinical supervision", start, start)
    event = replace(event, ends_at=start + timedelta(hours=1), status=CANCELLED, sequence=3)
    seen = []

    def provider(session, user):
        seen.append(user.id)
        return [event]

    extra_provider(provider)
    person = member("mediator")
    [found] = fetch(client, feed_url(seed, person)).walk("VEVENT")
    assert seen == [person.user.id]
    assert str(found["STATUS"]) == "CANCELLED"
    assert found.decoded("SEQUENCE") == 3
    assert str(found["UID"]) == "supervision-slot-7@localhost"


def test_an_event_refuses_an_unknown_status_or_a_negative_sequence():
    start = utcnow()
    with pytest.raises(ValueError, match="status"):
        CalendarEvent("x", "y", start, start, status="MAYBE")
    with pytest.raises(ValueError, match="sequence"):
        CalendarEvent("x", "y", start, start, sequence=-1)
