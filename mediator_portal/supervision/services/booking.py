"""Booking a seat, and cancelling it, within the rules; the database keeps the capacity.

A mediator books only their own supervisor's slots (group slots: of their group, or open
to all the supervisor's supervisees), at least SUPERVISION_MIN_NOTICE_HOURS before the
start, holds at most SUPERVISION_MAX_FUTURE_INDIVIDUAL future individual bookings, and never
two bookings that overlap. Cancelling is free until SUPERVISION_CANCEL_DEADLINE_HOURS
before the start; later it is recorded as late.

Concurrency. A booking first locks the mediator's current assignment row (an UPDATE of it,
which also says who their supervisor is now): on PostgreSQL that row lock, on SQLite the
database's one writer, makes one mediator's requests take turns, so a double click on two
overlapping slots books one. The seat is then taken by a conditional UPDATE of the slot's
counter (`booked_count < capacity ... RETURNING`): on PostgreSQL a concurrent one waits for
the row and re-checks the condition, on SQLite writers take turns; no RETURNING row means
full. The CHECK `booked_count <= capacity` and the unique index on live (slot, mediator)
rows refuse anything that would slip past. The view retries a busy database a few times
(`with_retries`), then answers "try again" (503), never a 500.
"""

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.database import is_busy, utcnow
from mediator_portal.supervision.models import (
    ACTIVE,
    BOOKED,
    CANCELLED_BY_MEDIATOR,
    CANCELLED_LATE,
    INDIVIDUAL,
    Assignment,
    Booking,
    GroupMember,
    Slot,
)
from mediator_portal.supervision.services.errors import (
    AlreadyBooked,
    Busy,
    NotBooked,
    NotInGroup,
    NotYourSupervisor,
    Overlaps,
    SlotCancelled,
    SlotFull,
    SlotStarted,
    TooLate,
    TooManyIndividual,
)

T = TypeVar("T")
ATTEMPTS = 4


def setting(name: str) -> int:
    """A SUPERVISION_* setting of the app (hours or a count)."""
    return int(current_app.config[name])


def _lock_mediator(session: Session, mediator_id: int) -> int | None:
    """Lock the mediator's current assignment for this transaction; their supervisor's id
    (None when they have none)."""
    return session.execute(
        update(Assignment)
        .where(Assignment.mediator_id == mediator_id, Assignment.ended_at.is_(None))
        .values(mediator_id=Assignment.mediator_id)
        .returning(Assignment.supervisor_id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()


def _in_group(session: Session, slot: Slot, mediator_id: int) -> bool:
    return (
        slot.group_id is None
        or session.scalar(
            select(GroupMember.mediator_id).where(
                GroupMember.group_id == slot.group_id, GroupMember.mediator_id == mediator_id
            )
        )
        is not None
    )


def _live(mediator_id: int):
    return (
        select(Booking)
        .join(Slot, Slot.id == Booking.slot_id)
        .where(Booking.mediator_id == mediator_id, Booking.status == BOOKED, Slot.status == ACTIVE)
    )


def book(
    session: Session, slot: Slot, mediator, now: datetime | None = None, *, notice: bool = True
) -> Booking:
    """Book a seat of `slot` for `mediator`. Raises NotYourSupervisor, NotInGroup,
    SlotCancelled, TooLate, AlreadyBooked, TooManyIndividual, Overlaps, SlotFull.
    `notice=False` (a seat offered from the waitlist) skips the minimum notice, not the
    start."""
    now = now or utcnow()
    supervisor_id = _lock_mediator(session, mediator.id)
    if supervisor_id is None or supervisor_id != slot.supervisor_id:
        raise NotYourSupervisor()
    if not _in_group(session, slot, mediator.id):
        raise NotInGroup()
    if slot.status != ACTIVE:
        raise SlotCancelled()
    hours = setting("SUPERVISION_MIN_NOTICE_HOURS") if notice else 0
    if slot.starts_at - now < timedelta(hours=hours) or slot.starts_at <= now:
        raise TooLate(hours)
    live = _live(mediator.id)
    if session.scalar(live.where(Booking.slot_id == slot.id)) is not None:
        raise AlreadyBooked()
    if slot.kind == INDIVIDUAL:
        limit = setting("SUPERVISION_MAX_FUTURE_INDIVIDUAL")
        ahead = session.scalar(
            select(func.count()).select_from(
                live.where(Slot.kind == INDIVIDUAL, Slot.ends_at > now).subquery()
            )
        )
        if ahead >= limit:
            raise TooManyIndividual(limit)
    overlapping = live.where(Slot.starts_at < slot.ends_at, Slot.ends_at > slot.starts_at)
    if session.scalar(overlapping.limit(1)) is not None:
        raise Overlaps()
    taken = session.execute(
        update(Slot)
        .where(Slot.id == slot.id, Slot.status == ACTIVE, Slot.booked_count < Slot.capacity)
        .values(booked_count=Slot.booked_count + 1)
        .returning(Slot.booked_count),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    if taken is None:  # full, or cancelled since the slot was read
        if session.scalar(select(Slot.status).where(Slot.id == slot.id)) != ACTIVE:
            raise SlotCancelled()
        raise SlotFull()
    booking = Booking(slot_id=slot.id, mediator_id=mediator.id, status=BOOKED, created_at=now)
    session.add(booking)
    session.flush()
    session.expire(slot, ["booked_count"])
    audit.record(session, actor=mediator, action="supervision.book", target=slot)
    return booking


def is_late(slot: Slot, now: datetime | None = None) -> bool:
    """True when cancelling now counts as late (after the cancellation deadline)."""
    deadline = slot.starts_at - timedelta(hours=setting("SUPERVISION_CANCEL_DEADLINE_HOURS"))
    return (now or utcnow()) > deadline


def cancel_booking(session: Session, booking: Booking, mediator, now=None) -> str:
    """Cancel `mediator`'s booking; returns its new status: CANCELLED_BY_MEDIATOR, or
    CANCELLED_LATE after the deadline. The seat frees at once. Raises NotBooked, SlotStarted."""
    now = now or utcnow()
    slot = booking.slot
    if slot.starts_at <= now:
        raise SlotStarted()
    status = CANCELLED_LATE if is_late(slot, now) else CANCELLED_BY_MEDIATOR
    changed = session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BOOKED)
        .values(status=status, cancelled_at=now)
        .returning(Booking.id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    if changed is None:
        raise NotBooked()
    session.execute(
        update(Slot)
        .where(Slot.id == slot.id, Slot.booked_count > 0)
        .values(booked_count=Slot.booked_count - 1),
        execution_options={"synchronize_session": False},
    )
    session.expire(booking, ["status", "cancelled_at"])
    session.expire(slot, ["booked_count"])
    audit.record(
        session,
        actor=mediator,
        action="supervision.cancel",
        target=slot,
        details={"late": status == CANCELLED_LATE},
    )
    return status


def with_retries(session: Session, work: Callable[[], T]) -> T:
    """Run `work()` (which writes on `session`) and commit; a busy database (SQLite's lock
    held past its timeout, a PostgreSQL deadlock or lock failure) is rolled back and tried
    again a few times, then Busy (503: "try again"). Domain errors pass through."""
    for attempt in range(ATTEMPTS):
        try:
            result = work()
            session.commit()
            return result
        except OperationalError as error:
            session.rollback()
            if not is_busy(error):
                raise
            logging.getLogger(__name__).warning("booking: database busy (attempt %s)", attempt + 1)
            time.sleep(0.05 * (attempt + 1))
    raise Busy()
