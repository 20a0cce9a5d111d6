"""Reminders of supervision sessions: 24 hours and one hour before the start, in-app and by
e-mail (an urgent kind), to each mediator booked on the slot and to its supervisor (when
someone is booked). A periodic job asks `due_reminders` what is due and sends each through
`sent_once.send_once` under its key (which holds the slot's sequence: a session moved to
another time is reminded of again at its new time), so each person hears each reminder once.

A cancelled booking or slot gets none (only live bookings of active slots are read), and a
session that has started gets no more."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.notifications import services as notifications
from mediator_portal.supervision.models import ACTIVE, BOOKED, Booking, Slot
from mediator_portal.supervision.services.notices import slot_target

REMINDER_KIND = "supervision_reminder"
DAY, HOUR = "day", "hour"
DAY_BEFORE, HOUR_BEFORE = timedelta(hours=24), timedelta(hours=1)

notifications.register_kind(
    notifications.Kind(
        REMINDER_KIND,
        _l("Reminders of my supervision sessions"),
        delivery="immediately",
        mutable=False,
        urgent=True,
        details=(
            (DAY, _l("The supervision session is in 24 hours.")),
            (HOUR, _l("The supervision session starts within the hour.")),
        ),
    )
)


@dataclass(frozen=True)
class Reminder:
    """One reminder due: which (`DAY` or `HOUR`), of which slot (at which sequence), to whom."""

    which: str
    slot_id: int
    sequence: int
    user_id: int

    @property
    def key(self) -> str:
        return f"supervision_reminder:{self.which}:{self.slot_id}:{self.sequence}:{self.user_id}"


def which_due(starts_at: datetime, now: datetime) -> str | None:
    """The reminder due at `now` for a slot starting at `starts_at`, or None: the hour one
    within the last hour before the start, the day one from 24 hours before until then."""
    if starts_at <= now:
        return None
    if starts_at - HOUR_BEFORE <= now:
        return HOUR
    if starts_at - DAY_BEFORE <= now:
        return DAY
    return None


def due_reminders(session: Session, now: datetime) -> list[Reminder]:
    """Every reminder due at `now` (sent or not: `send_once` decides), by slot, person
    (two queries)."""
    slots = session.execute(
        select(Slot.id, Slot.starts_at, Slot.sequence, Slot.supervisor_id).where(
            Slot.status == ACTIVE,
            Slot.booked_count > 0,
            Slot.starts_at > now,
            Slot.starts_at <= now + DAY_BEFORE,
        )
    ).all()
    due = {row.id: row for row in slots if which_due(row.starts_at, now)}
    if not due:
        return []
    booked = session.execute(
        select(Booking.slot_id, Booking.mediator_id)
        .where(Booking.slot_id.in_(list(due)), Booking.status == BOOKED)
        .order_by(Booking.slot_id, Booking.mediator_id)
    ).all()
    people: dict[int, list[int]] = {}
    for slot_id, mediator_id in booked:
        people.setdefault(slot_id, []).append(mediator_id)
    reminders = []
    for slot_id in sorted(due, key=lambda i: (due[i].starts_at, i)):
        if slot_id not in people:  # its bookings were cancelled meanwhile
            continue
        row = due[slot_id]
        which = which_due(row.starts_at, now)
        for user_id in [*people[slot_id], row.supervisor_id]:
            reminders.append(Reminder(which, slot_id, row.sequence, user_id))
    return reminders


def remind(session: Session, reminder: Reminder) -> None:
    """Notify one person of one session starting soon (in the open transaction)."""
    slot = session.get(Slot, reminder.slot_id)
    notifications.notify(
        session, [reminder.user_id], REMINDER_KIND, slot_target(slot), None, detail=reminder.which
    )
