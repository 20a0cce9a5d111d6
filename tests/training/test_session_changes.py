"""Changing and cancelling a published session: who is told of what, exactly once; more
places promote from the waitlist, fewer than those going are refused; a cancelled session
takes no answers, sends no reminders, gives its proposals back to "accepted", shows why,
and stays in calendars as cancelled; a session that is over is not changed."""

from datetime import time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.timezones import to_local
from mediator_portal.training import services
from mediator_portal.training.models import Rsvp, TrainingSession
from tests.factories import make_user
from tests.notifications.helpers import parts_of
from tests.training.conftest import account
from tests.training.factories import make_proposal, make_session, make_trainer_answer
from tests.training.test_email import drained

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def told(kind: str) -> list[int]:
    return sorted(
        db.session.scalars(select(Notification.recipient_id).where(Notification.kind == kind))
    )


def fields_of(row: TrainingSession, **changes) -> dict:
    local = to_local(row.starts_at)
    return {
        "title": row.title,
        "description": row.description,
        "capacity": row.capacity,
        "day": local.date(),
        "start": local.time(),
        "end": to_local(row.ends_at).time(),
        "online": row.online,
        "meeting_url": row.meeting_url,
        "place": row.place,
        "municipality_id": row.municipality_id,
    } | changes


def answered(row: TrainingSession, *answers: str) -> list:
    people = [make_user("mediator") for _ in answers]
    for person, answer in zip(people, answers, strict=True):
        services.answer_session(db.session, row, person, answer)
    db.session.commit()
    return people


def test_a_move_tells_those_who_answered_once_and_raises_the_calendar_sequence(app_ctx):
    trainer = make_user("trainer")
    row = make_session(trainer, capacity=1)
    going, maybe, waiting, no = answered(row, "going", "maybe", "going", "not_going")
    services.edit_session(db.session, row, actor=trainer, **fields_of(row, start=time(11, 0)))
    db.session.commit()
    assert row.sequence == 1 and to_local(row.starts_at).hour == 11
    assert told(services.MOVED_KIND) == sorted([going.id, maybe.id, waiting.id])
    assert no.id not in told(services.MOVED_KIND)
    notice = db.session.scalar(
        select(Notification).where(Notification.kind == "training_session_moved")
    )
    assert notice.detail == "moved"
    # A change of the title or text alone moves nothing and tells nobody.
    services.edit_session(db.session, row, actor=trainer, **fields_of(row, title="Νέος τίτλος"))
    db.session.commit()
    assert row.sequence == 1 and len(told(services.MOVED_KIND)) == 3
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["training.session.reschedule", "training.session.edit"]


def test_more_places_promote_the_waitlist_in_order_and_fewer_than_going_are_refused(app_ctx):
    trainer = make_user("trainer")
    row = make_session(trainer, capacity=1)
    first, second, third = answered(row, "going", "going", "going")
    services.edit_session(db.session, row, actor=trainer, **fields_of(row, capacity=2))
    db.session.commit()
    answers = dict(db.session.execute(select(Rsvp.user_id, Rsvp.answer)).all())
    assert answers == {first.id: "going", second.id: "going", third.id: "waitlisted"}
    assert told(services.PROMOTED_KIND) == [second.id]
    with pytest.raises(services.CapacityBelowGoing):
        services.edit_session(db.session, row, actor=trainer, **fields_of(row, capacity=1))
    db.session.rollback()
    services.edit_session(db.session, row, actor=trainer, **fields_of(row, capacity=None))
    db.session.commit()
    assert db.session.scalar(select(Rsvp.answer).where(Rsvp.user_id == third.id)) == "going"
    assert db.session.get(TrainingSession, row.id).going_count == 3


def test_a_cancellation_tells_everyone_who_answered_with_the_reason(app_ctx):
    trainer = make_user("trainer")
    row = make_session(trainer, capacity=1)
    going, waiting, no = answered(row, "going", "going", "not_going")
    proposal = make_proposal()
    make_trainer_answer(proposal, "accepted", trainer=trainer)
    services.schedule(db.session, [proposal], row=row, actor=trainer, body="Προγραμματίστηκε")
    db.session.commit()
    services.cancel_session(
        db.session, row, actor=trainer, reason="Ασθένεια εισηγήτριας", proposal_answer="Ακυρώθηκε"
    )
    db.session.commit()
    assert told(services.CANCELLED_KIND) == sorted([going.id, waiting.id])
    details = set(
        db.session.scalars(
            select(Notification.detail).where(Notification.kind == services.CANCELLED_KIND)
        )
    )
    assert details == {"Ασθένεια εισηγήτριας"}
    assert (proposal.status, proposal.session_id) == ("accepted", None)
    assert services.answers_of(db.session, proposal)[-1].body == "Ακυρώθηκε"
    assert row.sequence == 1 and row.cancel_reason == "Ασθένεια εισηγήτριας"
    with pytest.raises(services.SessionCancelled):
        services.answer_session(db.session, row, no, "going")
    db.session.rollback()
    with pytest.raises(services.SessionCancelled):
        services.cancel_session(db.session, row, actor=trainer, reason="ξανά", proposal_answer="")
    with pytest.raises(services.SessionCancelled):
        services.edit_session(db.session, row, actor=trainer, **fields_of(row))


def test_a_cancelled_session_sends_no_reminders(app_ctx):
    trainer = make_user("trainer")
    row = make_session(trainer, days_ahead=1)
    answered(row, "going")
    soon = row.starts_at - timedelta(minutes=30)
    assert len(services.due_reminders(db.session, soon)) == 1
    services.cancel_session(db.session, row, actor=trainer, reason="Απεργία", proposal_answer="")
    db.session.commit()
    assert services.due_reminders(db.session, soon) == []


@pytest.mark.parametrize(
    ("reason", "error"),
    [("   ", services.EmptyReason), ("λ" * 1001, services.ReasonTooLong)],
)
def test_a_cancellation_needs_a_reason_of_sensible_length(app_ctx, reason, error):
    trainer = make_user("trainer")
    row = make_session(trainer)
    with pytest.raises(error):
        services.cancel_session(db.session, row, actor=trainer, reason=reason, proposal_answer="")


def test_only_trainers_change_sessions_and_never_one_that_is_over(app_ctx):
    trainer = make_user("trainer")
    row = make_session(trainer)
    with pytest.raises(services.NotAllowed):
        services.cancel_session(
            db.session, row, actor=make_user("mediator"), reason="x", proposal_answer=""
        )
    with pytest.raises(services.NotAllowed):
        services.edit_session(db.session, row, actor=make_user("supervisor"), **fields_of(row))
    row.starts_at, row.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()
    with pytest.raises(services.SessionPast):
        services.cancel_session(db.session, row, actor=trainer, reason="x", proposal_answer="")
    with pytest.raises(services.SessionPast):
        services.edit_session(db.session, row, actor=trainer, **fields_of(row))


def test_the_pages_edit_and_cancel_a_session(member, seed, app):
    session_id = seed(lambda: make_session(capacity=5, title="Διερμηνεία υγείας").id)
    trainer, mediator = member("trainer"), member("mediator")
    mediator.post(f"/training/sessions/{session_id}/rsvp", data={"value": "going"})
    page = trainer.get(f"/training/sessions/{session_id}/edit")
    assert page.status_code == 200 and 'value="Διερμηνεία υγείας"' in page.text
    assert 'value="10:00"' in page.text and 'value="5"' in page.text
    form = {
        "title": "Διερμηνεία υγείας",
        "day": (to_local(utcnow()).date() + timedelta(days=8)).isoformat(),
        "start": "10:00",
        "end": "12:00",
        "mode": "online",
        "meeting_url": "https://meet.example.org/room",
        "capacity": "5",
    }
    saved = trainer.post(f"/training/sessions/{session_id}/edit", data=form)
    assert saved.status_code == 302
    fewer = trainer.post(f"/training/sessions/{session_id}/edit", data=form | {"capacity": "0"})
    assert fewer.status_code == 422
    empty = trainer.post(f"/training/sessions/{session_id}/cancel", data={"reason": " "})
    assert empty.status_code == 422 and "Please say why the session is cancelled" in empty.text
    assert mediator.get(f"/training/sessions/{session_id}/edit").status_code == 403
    assert (
        mediator.post(f"/training/sessions/{session_id}/cancel", data={"reason": "x"}).status_code
        == 403
    )
    done = trainer.post(f"/training/sessions/{session_id}/cancel", data={"reason": "Απεργία ΜΜΜ"})
    assert done.status_code == 302
    shown = mediator.get(f"/training/sessions/{session_id}").text
    assert "This session was cancelled." in shown and "Απεργία ΜΜΜ" in shown
    assert 'name="value"' not in shown  # no answer buttons
    refused = mediator.post(f"/training/sessions/{session_id}/rsvp", data={"value": "maybe"})
    assert refused.status_code == 409
    assert trainer.get(f"/training/sessions/{session_id}/edit").status_code == 409
    listed = mediator.get("/training/sessions").text
    assert "Cancelled" in listed
    ics = Calendar.from_ical(mediator.get(f"/training/sessions/{session_id}.ics").data)
    event = next(iter(ics.walk("VEVENT")))
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2
    notices = mediator.get("/notifications/").text
    assert "Απεργία ΜΜΜ" in notices and "Reason:" in notices


def test_a_reminder_says_when_in_words_not_a_code(member, seed, mailbox):
    browser = member("mediator")

    def reminded():
        row = make_session(days_ahead=1, title="Επιμόρφωση αύριο")
        person = account(browser)
        services.answer_session(db.session, row, person, "going")
        services.remind(db.session, services.Reminder("hour", row.id, person.id))

    seed(reminded)
    listed = browser.get("/notifications/").text
    assert "The session starts within the hour." in listed and "Reason:" not in listed
    drained()
    (message,) = [m for m in mailbox if m["To"] == browser.user.email]
    for body in parts_of(message).values():
        assert "Η συνάντηση αρχίζει μέσα στην ώρα." in body and "Αιτία:" not in body  # Greek
