"""Changing and cancelling a published slot: the slot's row is locked first (so a booking
racing the change takes its turn); the mediators booked on it are told, with the reason
(required when it holds bookings). A weekly series is cancelled from a day on, one
occurrence at a time; the earlier ones stay.
"""

from datetime import date, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.database import utcnow
from mediator_portal.supervision.models import (
    ACTIVE,
    BOOKED,
    CANCELLED,
    EXPIRED,
    GROUP,
    INDIVIDUAL,
    OFFERED,
    REASON_MAX,
    SLOT_CANCELLED,
    WAITING,
    Booking,
    Series,
    Slot,
    WaitlistEntry,
)
from mediator_portal.supervision.services.errors import (
    BadCapacity,
    BadDuration,
    CapacityBelowBookings,
    InThePast,
    ReasonRequired,
    ReasonTooLong,
    SlotCancelled,
    SlotStarted,
)
from mediator_portal.supervision.services.notices import CANCELLED_KIND, CHANGED_KIND, tell_booked
from mediator_portal.supervision.services.slots import (
    MAX_GROUP,
    MAX_MINUTES,
    MIN_GROUP,
    MIN_MINUTES,
    Where,
)
from mediator_portal.supervision.services.times import athens_moment, day_start


def _reason(reason: str | None) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX:
        raise ReasonTooLong()
    return reason


def _booked_ids(session: Session, slot: Slot) -> list[int]:
    return list(
        session.scalars(
            select(Booking.mediator_id).where(Booking.slot_id == slot.id, Booking.status == BOOKED)
        )
    )


def _lock(session: Session, slot: Slot) -> int:
    """Lock the slot's row for this transaction; its booked count as committed now."""
    return session.execute(
        update(Slot)
        .where(Slot.id == slot.id)
        .values(sequence=Slot.sequence)
        .returning(Slot.booked_count),
        execution_options={"synchronize_session": False},
    ).scalar_one()


def edit(
    session: Session,
    slot: Slot,
    *,
    supervisor,
    where: Where,
    day: date,
    start: time,
    minutes: int,
    capacity: int | None = None,
    reason: str = "",
) -> bool:
    """Change the slot's time, length, place or seats; the booked mediators are told why
    (a reason is then required). True when the time happens twice that night. Raises
    SlotCancelled, SlotStarted, MissingPlace, BadMeetingLink, BadDuration, BadCapacity,
    TimeDoesNotExist, InThePast, CapacityBelowBookings, ReasonRequired,
    ReasonTooLong."""
    if slot.status != ACTIVE:
        raise SlotCancelled()
    if slot.starts_at <= utcnow():
        raise SlotStarted()
    booked = _lock(session, slot)
    where = where.checked()
    if not MIN_MINUTES <= (minutes or 0) <= MAX_MINUTES:
        raise BadDuration()
    if slot.kind == GROUP and (capacity is None or not MIN_GROUP <= capacity <= MAX_GROUP):
        raise BadCapacity()
    seats = 1 if slot.kind == INDIVIDUAL else capacity
    if seats < booked:
        raise CapacityBelowBookings()
    begin, twice = athens_moment(day, start)
    if begin <= utcnow():
        raise InThePast()
    end = begin + timedelta(minutes=minutes)
    reason = _reason(reason)
    if booked and not reason:
        raise ReasonRequired()
    slot.online, slot.meeting_url, slot.place = where.online, where.meeting_url, where.place
    slot.starts_at, slot.ends_at, slot.capacity = begin, end, seats
    slot.sequence = slot.sequence + 1
    slot.updated_at = utcnow()
    session.flush()
    audit.record(session, actor=supervisor, action="supervision.slot.edit", target=slot)
    tell_booked(
        session, slot, _booked_ids(session, slot), CHANGED_KIND, actor=supervisor, reason=reason
    )
    return twice


def cancel(session: Session, slot: Slot, *, supervisor, reason: str = "") -> int:
    """Cancel the slot: its bookings end (SLOT_CANCELLED), its waitlist ends (EXPIRED), and
    the booked and waiting mediators are told why (a reason is then required). Returns how
    many were booked. Raises SlotCancelled, SlotStarted, ReasonRequired, ReasonTooLong."""
    if slot.status != ACTIVE:
        raise SlotCancelled()
    if slot.starts_at <= utcnow():
        raise SlotStarted()
    booked = _lock(session, slot)
    reason = _reason(reason)
    if booked and not reason:
        raise ReasonRequired()
    told = _booked_ids(session, slot)
    now = utcnow()
    session.execute(
        update(Booking)
        .where(Booking.slot_id == slot.id, Booking.status == BOOKED)
        .values(status=SLOT_CANCELLED, cancelled_at=now),
        execution_options={"synchronize_session": False},
    )
    waiting = list(
        session.scalars(
            update(WaitlistEntry)
            .where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.status.in_((WAITING, OFFERED)))
            .values(status=EXPIRED, ended_at=now)
            .returning(WaitlistEntry.mediator_id),
            execution_options={"synchronize_session": False},
        )
    )
    slot.status, slot.cancel_reason, slot.cancelled_at = CANCELLED, reason, now
    slot.booked_count, slot.sequence, slot.updated_at = 0, slot.sequence + 1, now
    session.flush()
    audit.record(session, actor=supervisor, action="supervision.slot.cancel", target=slot)
    tell_booked(session, slot, [*told, *waiting], CANCELLED_KIND, actor=supervisor, reason=reason)
    return len(told)


def cancel_series(
    session: Session, series: Series, *, supervisor, from_day: date, reason: str = ""
) -> int:
    """Cancel every active slot of the series starting on `from_day` (Athens) or later that
    has not started; returns how many. Raises ReasonRequired, ReasonTooLong."""
    since, now = day_start(from_day), utcnow()
    rows = session.scalars(
        select(Slot)
        .where(Slot.series_id == series.id, Slot.status == ACTIVE)
        .where(Slot.starts_at >= since, Slot.starts_at > now)
        .order_by(Slot.starts_at)
    ).all()
    for row in rows:
        cancel(session, row, supervisor=supervisor, reason=reason)
    return len(rows)
