"""Reminders of supervision sessions, with time controlled: 24 hours and one hour before the
start, in-app and by e-mail (urgent), to each booked mediator and to the supervisor, each
exactly once however often the job runs; none after a booking or the slot is cancelled,
none for a slot nobody booked; the detail codes read as sentences."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.notifications import services as notifications
from mediator_portal.notifications.models import Notification
from mediator_portal.supervision import services
from mediator_portal.supervision.jobs import remind_now
from tests.forums.test_races import at_once
from tests.notifications.helpers import parts_of
from tests.supervision.factories import make_slot, make_team
from tests.supervision.test_email_and_demo import PUBLIC_URL, drained

pytestmark = pytest.mark.database


def reminders_of(user_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.detail)
            .where(
                Notification.recipient_id == user_id,
                Notification.kind == services.REMINDER_KIND,
            )
            .order_by(Notification.id)
        )
    )


def booked_slot(people: int = 2):
    supervisor, team = make_team(people + 1)
    slot = make_slot(supervisor, kind="group", capacity=4, days_ahead=4)
    for person in team[:people]:
        services.book(db.session, slot, person)
    db.session.commit()
    return slot, supervisor, team[:people], team[people]


def test_the_reminder_kind_is_urgent_with_sentences_for_its_codes():
    kind = notifications.KINDS[services.REMINDER_KIND]
    assert kind.urgent and not kind.mutable
    assert notifications.sends_now(services.REMINDER_KIND, "digest")
    assert str(kind.detail_text("day")[1]) == "The supervision session is in 24 hours."
    assert str(kind.detail_text("hour")[1]) == "The supervision session starts within the hour."


def test_each_reminder_once_to_the_booked_and_the_supervisor(app_ctx):
    slot, supervisor, booked, idle = booked_slot()
    starts = slot.starts_at
    assert remind_now(starts - timedelta(hours=24, minutes=1)) == 0
    assert remind_now(starts - timedelta(hours=24)) == 3
    assert remind_now(starts - timedelta(hours=23)) == 0  # the job again: nothing new
    assert remind_now(starts - timedelta(minutes=61)) == 0
    assert remind_now(starts - timedelta(minutes=59)) == 3
    assert remind_now(starts - timedelta(minutes=5)) == 0
    assert remind_now(starts) == 0  # started
    for person in [*booked, supervisor]:
        assert reminders_of(person.id) == ["day", "hour"]
    assert reminders_of(idle.id) == []


def test_no_reminder_after_a_cancelled_booking_or_slot(app_ctx):
    slot, supervisor, (one, two), _ = booked_slot()
    booking = services.live_booking(services.get_slot(db.session, slot.id), one.id)
    services.cancel_booking(db.session, booking, one)
    db.session.commit()
    assert remind_now(slot.starts_at - timedelta(hours=20)) == 2
    assert reminders_of(one.id) == []
    other, other_supervisor, (three,), _ = booked_slot(1)
    services.cancel(db.session, other, supervisor=other_supervisor, reason="Ασθένεια")
    db.session.commit()
    assert remind_now(other.starts_at - timedelta(minutes=30)) == 0
    assert reminders_of(three.id) == reminders_of(other_supervisor.id) == []


def test_a_slot_nobody_booked_reminds_nobody(app_ctx):
    supervisor, _ = make_team(1)
    slot = make_slot(supervisor, kind="group", capacity=4, days_ahead=4)
    db.session.commit()
    assert remind_now(slot.starts_at - timedelta(minutes=30)) == 0
    assert reminders_of(supervisor.id) == []


def test_two_workers_at_once_send_each_reminder_once(app):
    with app.app_context():
        slot, supervisor, booked, _ = booked_slot()
        moment, ids = slot.starts_at - timedelta(minutes=30), [p.id for p in [*booked, supervisor]]

    def run(_n):
        with app.app_context():
            try:
                return remind_now(moment)
            finally:
                db.session.remove()

    assert sum(at_once(2, run)) == 3
    with app.app_context():
        assert [reminders_of(user_id) for user_id in ids] == [["hour"]] * 3


def test_the_hour_reminder_is_emailed_with_its_sentence_and_no_names(app, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    with app.app_context():
        slot, supervisor, (one, two), _ = booked_slot()
        for person, name in ((one, "Ζωή-Μοναδική-7781"), (two, "Άρης-Ξεχωριστός-9912")):
            person.name, person.locale = name, "en"
        supervisor.locale = "en"
        db.session.commit()
        assert remind_now(slot.starts_at - timedelta(minutes=30)) == 3
        slot_id, emails = slot.id, {one.email, two.email, supervisor.email}
    drained()
    assert {message["To"] for message in mailbox} == emails
    for message in mailbox:
        assert message["Subject"].startswith("Reminders of my supervision sessions")
        for body in parts_of(message).values():
            assert "The supervision session starts within the hour." in body
            assert f"{PUBLIC_URL}/supervision/slots/{slot_id}" in body
            assert "Μοναδική" not in body and "Ξεχωριστός" not in body
