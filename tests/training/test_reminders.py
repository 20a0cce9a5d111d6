"""Reminders to those going: the day before (the same Athens wall-clock time) and an hour
before, each exactly once per person per session, even when the job runs twice or two
workers run it at once; never to "maybe", "not going" or the waitlist, never for a session
that has started; and the day before is read in Athens across the changes of the clocks."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.notifications import services as notifications
from mediator_portal.notifications.models import Notification
from mediator_portal.training import services
from mediator_portal.training.jobs import remind_now
from mediator_portal.training.models import TrainingSession
from tests.factories import make_user
from tests.forums.test_races import at_once
from tests.training.factories import make_session

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


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


def a_session_with(answers: dict[str, int], capacity=None):
    """A session and, per answer, that many members answering it; {answer: [users]}."""
    row = make_session(capacity=capacity)
    people: dict[str, list] = {}
    for answer, count in answers.items():
        for _ in range(count):
            person = make_user("mediator")
            got = services.answer_session(db.session, row, person, answer)
            people.setdefault(got, []).append(person)
    db.session.commit()
    return row, people


def move(row: TrainingSession, starts_at: datetime) -> None:
    row.starts_at, row.ends_at = starts_at, starts_at + timedelta(hours=2)
    db.session.commit()


def test_the_reminder_kind_is_urgent_e_mailed_at_once_unless_never():
    kind = notifications.KINDS[services.REMINDER_KIND]
    assert kind.urgent and not kind.mutable
    assert notifications.sends_now(services.REMINDER_KIND, "digest")
    assert not notifications.sends_now(services.REMINDER_KIND, "never")


def test_each_reminder_once_to_those_going_only(app_ctx):
    row, people = a_session_with({"going": 2, "maybe": 1, "not_going": 1, "waitlisted": 0})
    going = people["going"]
    starts = row.starts_at
    move(row, starts)
    assert remind_now(starts - timedelta(days=2)) == 0
    day_at = services.day_reminder_at(starts)
    assert remind_now(day_at - timedelta(minutes=1)) == 0
    assert remind_now(day_at) == 2
    assert remind_now(day_at + timedelta(minutes=5)) == 0  # the job again: nothing new
    assert remind_now(starts - timedelta(hours=1, minutes=1)) == 0
    assert remind_now(starts - timedelta(minutes=59)) == 2
    assert remind_now(starts - timedelta(minutes=5)) == 0
    assert remind_now(starts) == 0  # started
    for person in going:
        assert reminders_of(person.id) == ["day", "hour"]
    for person in people["maybe"] + people["not_going"]:
        assert reminders_of(person.id) == []


def test_the_waitlist_is_not_reminded(app_ctx):
    row, people = a_session_with({"going": 2}, capacity=1)
    assert len(people["going"]) == 1 and len(people["waitlisted"]) == 1
    assert remind_now(row.starts_at - timedelta(minutes=30)) == 1
    assert reminders_of(people["waitlisted"][0].id) == []


def test_a_late_job_sends_only_the_reminder_still_due(app_ctx):
    row, people = a_session_with({"going": 1})
    assert remind_now(row.starts_at - timedelta(minutes=20)) == 1
    assert reminders_of(people["going"][0].id) == ["hour"]


def test_a_session_that_has_started_or_is_over_gets_no_reminder(app_ctx):
    row, people = a_session_with({"going": 1})
    assert remind_now(row.starts_at + timedelta(minutes=1)) == 0
    assert remind_now(row.ends_at + timedelta(days=1)) == 0
    assert reminders_of(people["going"][0].id) == []


@pytest.mark.parametrize(
    ("starts", "day_before", "hours"),
    [
        # 29 March 2027 10:00 EEST; 28 March (the clocks go forward at 03:00) 10:00 EEST
        (datetime(2027, 3, 29, 7, 0, tzinfo=UTC), datetime(2027, 3, 28, 7, 0, tzinfo=UTC), 24),
        # 28 March 2027 10:00 EEST, the day the clocks go forward: 27 March 10:00 EET
        (datetime(2027, 3, 28, 7, 0, tzinfo=UTC), datetime(2027, 3, 27, 8, 0, tzinfo=UTC), 23),
        # 31 October 2027 10:00 EET, the day the clocks go back: 30 October 10:00 EEST
        (datetime(2027, 10, 31, 8, 0, tzinfo=UTC), datetime(2027, 10, 30, 7, 0, tzinfo=UTC), 25),
    ],
)
def test_the_day_before_is_the_same_athens_time_across_a_change_of_the_clocks(
    app_ctx, starts, day_before, hours
):
    assert services.day_reminder_at(starts) == day_before
    assert starts - day_before == timedelta(hours=hours)
    row, people = a_session_with({"going": 1})
    move(row, starts)
    assert remind_now(day_before - timedelta(minutes=1)) == 0
    assert remind_now(day_before) == 1
    assert reminders_of(people["going"][0].id) == ["day"]


def test_the_repeated_hour_the_day_before_is_its_first_occurrence(app_ctx):
    # 1 November 2027 03:30 EET; 31 October 03:30 happens twice: the first is 00:30 UTC
    starts = datetime(2027, 11, 1, 1, 30, tzinfo=UTC)
    assert services.day_reminder_at(starts) == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_two_workers_at_once_send_each_reminder_once(app):
    with app.app_context():
        row, people = a_session_with({"going": 5})
        now = row.starts_at - timedelta(minutes=30)
        ids = [person.id for person in people["going"]]

    def run(_):
        with app.app_context():
            return remind_now(now)

    assert sum(at_once(4, run)) == 5
    with app.app_context():
        counted = db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.kind == services.REMINDER_KIND, Notification.recipient_id.in_(ids))
        )
        assert counted == 5
        assert all(reminders_of(user_id) == ["hour"] for user_id in ids)
