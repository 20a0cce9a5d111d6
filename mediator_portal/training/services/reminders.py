"""Reminders to those going to a session: the day before (the same Athens wall-clock time
on the previous calendar day, so 23 or 25 hours before across a change of the clocks) and
one hour before the start. A periodic job asks `due_reminders` what is due and sends each
through `sent_once.send_once` under `reminder_key`, so each person hears each reminder of
each session once, however often the job runs and however many workers run it.

A session that has started is reminded of no more; waitlisted, "maybe" and "not going"
answers get nothing, and so does a cancelled session."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.notifications import services as notifications
from mediator_portal.timezones import ATHENS, to_local
from mediator_portal.training.models import GOING, Rsvp, TrainingSession
from mediator_portal.training.services.notices import session_target

REMINDER_KIND = "training_reminder"
DAY, HOUR = "day", "hour"
HOUR_BEFORE = timedelta(hours=1)
LOOK_AHEAD = timedelta(hours=26)  # the day reminder is 23 to 25 hours before

notifications.register_kind(
    notifications.Kind(
        REMINDER_KIND,
        _l("Reminders of training sessions I am going to"),
        delivery="immediately",
        mutable=False,
        urgent=True,
        details=(
            (DAY, _l("The session is tomorrow.")),
            (HOUR, _l("The session starts within the hour.")),
        ),
    )
)


@dataclass(frozen=True)
class Reminder:
    """One reminder due: which (`DAY` or `HOUR`), of which session, to whom."""

    which: str
    session_id: int
    user_id: int

    @property
    def key(self) -> str:
        return reminder_key(self.which, self.session_id, self.user_id)


def reminder_key(which: str, session_id: int, user_id: int) -> str:
    """The `sent_once` key of one reminder."""
    return f"training_reminder:{which}:{session_id}:{user_id}"


def day_reminder_at(starts_at: datetime) -> datetime:
    """When the day-before reminder of a session starting at `starts_at` is due: the same
    Athens wall-clock time the day before (the first of a repeated hour; an hour that does
    not exist is read with the winter offset, as `timezones.local_to_utc` does)."""
    local = to_local(starts_at).replace(tzinfo=None) - timedelta(days=1)
    return local.replace(tzinfo=ATHENS, fold=0).astimezone(UTC)


def which_due(starts_at: datetime, now: datetime) -> str | None:
    """The reminder due at `now` for a session starting at `starts_at`, or None: the hour
    reminder within the last hour, the day reminder from its time until then."""
    if starts_at <= now:
        return None
    if starts_at - HOUR_BEFORE <= now:
        return HOUR
    if day_reminder_at(starts_at) <= now:
        return DAY
    return None


def due_reminders(session: Session, now: datetime) -> list[Reminder]:
    """Every reminder due at `now` (sent or not: `send_once` decides), by session, person."""
    upcoming = session.execute(
        select(TrainingSession.id, TrainingSession.starts_at)
        .where(
            TrainingSession.starts_at > now,
            TrainingSession.starts_at <= now + LOOK_AHEAD,
            TrainingSession.cancelled_at.is_(None),
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    ).all()
    which = {sid: which_due(_aware(starts), now) for sid, starts in upcoming}
    due_ids = [sid for sid, kind in which.items() if kind]
    if not due_ids:
        return []
    going = session.execute(
        select(Rsvp.session_id, Rsvp.user_id)
        .where(Rsvp.session_id.in_(due_ids), Rsvp.answer == GOING)
        .order_by(Rsvp.session_id, Rsvp.user_id)
    ).all()
    return [Reminder(which[sid], sid, uid) for sid, uid in going]


def remind(session: Session, reminder: Reminder) -> None:
    """Notify one person of one session starting soon (in the open transaction)."""
    row = session.get(TrainingSession, reminder.session_id)
    notifications.notify(
        session,
        [reminder.user_id],
        REMINDER_KIND,
        session_target(row),
        None,
        detail=reminder.which,
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
