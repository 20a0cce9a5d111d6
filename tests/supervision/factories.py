"""Supervision factories: a supervisor with assigned mediators, groups and slots in one line,
through the services (they add and flush, never commit). `bulk_slots` inserts many rows at
once, for query-count tests."""

import itertools
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Slot
from mediator_portal.timezones import to_local
from tests.factories import make_user

_hours = itertools.cycle(range(8, 20))


def make_team(mediators: int = 1, supervisor=None, admin=None):
    """A supervisor and `mediators` new mediators assigned to them: (supervisor, [mediators])."""
    supervisor = supervisor or make_user("supervisor")
    admin = admin or make_user("admin")
    people = [make_user("mediator") for _ in range(mediators)]
    for person in people:
        services.assign(db.session, actor=admin, mediator_id=person.id, supervisor_id=supervisor.id)
    return supervisor, people


def athens_day(days_ahead: int) -> date:
    return to_local(utcnow()).date() + timedelta(days=days_ahead)


def make_slot(
    supervisor,
    *,
    kind: str = services.INDIVIDUAL,
    capacity: int | None = None,
    days_ahead: int = 3,
    start: time | None = None,
    minutes: int = 60,
    online: bool = True,
    group_id: int | None = None,
    day: date | None = None,
    repeat_until: date | None = None,
    now: datetime | None = None,
) -> Slot:
    """A published slot `days_ahead` days from today (a free hour of that day by default)."""
    where = services.Where(
        online, "https://meet.example.org/room" if online else None, None if online else "Αίθουσα"
    )
    made = services.publish(
        db.session,
        supervisor=supervisor,
        kind=kind,
        where=where,
        day=day or athens_day(days_ahead),
        start=start or time(next(_hours), 0),
        minutes=minutes,
        capacity=capacity,
        group_id=group_id,
        repeat_until=repeat_until,
        now=now,
    )
    return made.slots[0]


def bulk_slots(supervisor, count: int, first: datetime, *, capacity: int = 6) -> None:
    """`count` group slots of `supervisor`, 30 minutes each, one every 20 minutes from
    `first` (so they fill one week), inserted at once."""
    rows = [
        {
            "supervisor_id": supervisor.id,
            "kind": services.GROUP,
            "capacity": capacity,
            "booked_count": 0,
            "online": True,
            "meeting_url": "https://meet.example.org/room",
            "starts_at": first + timedelta(minutes=20 * n),
            "ends_at": first + timedelta(minutes=20 * n + 15),
            "status": "active",
            "cancel_reason": "",
            "sequence": 0,
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
        for n in range(count)
    ]
    db.session.execute(insert(Slot), rows)
