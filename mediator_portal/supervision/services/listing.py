"""What the supervision pages show, each in a fixed number of queries whatever the data:
the supervisor's week (slots with who booked) and month (slots with seats), the mediator's
"Book supervision" week (their supervisor's open slots with seats free and their own
bookings), "My bookings", one slot as its viewer may see it, and the next session.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal.database import utcnow
from mediator_portal.month_calendar import Month, month_of, month_span
from mediator_portal.supervision.models import (
    ACTIVE,
    BOOKED,
    Assignment,
    Booking,
    GroupMember,
    Slot,
)
from mediator_portal.supervision.services.booking import is_late
from mediator_portal.supervision.services.errors import NotFound
from mediator_portal.supervision.services.times import day_start, monday_of
from mediator_portal.timezones import to_local

LINK_WINDOW = timedelta(minutes=30)  # the meeting link is shown from this long before


def link_open(slot: Slot, booked: bool, now: datetime | None = None) -> bool:
    """True for a booked participant of an active online slot, from LINK_WINDOW before the
    start until its end."""
    now = now or utcnow()
    return (
        booked
        and slot.status == ACTIVE
        and bool(slot.online and slot.meeting_url)
        and slot.starts_at - LINK_WINDOW <= now < slot.ends_at
    )


@dataclass(frozen=True)
class Week:
    """A Monday-first week of Athens days, each with its slots."""

    monday: date
    days: list[tuple[date, list[Slot]]]

    @property
    def previous(self) -> str:
        return (self.monday - timedelta(weeks=1)).isoformat()

    @property
    def next(self) -> str:
        return (self.monday + timedelta(weeks=1)).isoformat()


def _by_day(monday: date, rows) -> list[tuple[date, list[Slot]]]:
    days: dict[date, list[Slot]] = {monday + timedelta(days=n): [] for n in range(7)}
    for row in rows:
        days.setdefault(to_local(row.starts_at).date(), []).append(row)
    return [(day, days[day]) for day in sorted(days) if monday <= day < monday + timedelta(7)]


def supervisor_week(session: Session, supervisor_id: int, day: date) -> Week:
    """The supervisor's slots (cancelled ones too) of the week holding `day`, with their
    bookings and who made them (three queries)."""
    monday = monday_of(day)
    start, stop = day_start(monday), day_start(monday + timedelta(weeks=1))
    rows = session.scalars(
        select(Slot)
        .options(selectinload(Slot.bookings).joinedload(Booking.mediator))
        .where(Slot.supervisor_id == supervisor_id, Slot.starts_at >= start, Slot.starts_at < stop)
        .order_by(Slot.starts_at, Slot.id)
    ).all()
    return Week(monday, _by_day(monday, rows))


def supervisor_month(session: Session, supervisor_id: int, year: int, month: int) -> Month:
    """The weeks of `month` with the supervisor's slots of each Athens day (one query).
    Raises ValueError for a month that does not exist."""
    start, stop = month_span(year, month)
    rows = session.scalars(
        select(Slot)
        .where(Slot.supervisor_id == supervisor_id, Slot.starts_at >= start, Slot.starts_at < stop)
        .order_by(Slot.starts_at, Slot.id)
    )
    return month_of(year, month, rows)


def _open_to(mediator_id: int):
    """SQL: a slot of the mediator's current supervisor they may book (individual, a group
    slot for all, or for a group they belong to)."""
    current = (
        select(Assignment.supervisor_id)
        .where(Assignment.mediator_id == mediator_id, Assignment.ended_at.is_(None))
        .scalar_subquery()
    )
    mine = select(GroupMember.group_id).where(GroupMember.mediator_id == mediator_id)
    return [
        Slot.supervisor_id == current,
        or_(Slot.group_id.is_(None), Slot.group_id.in_(mine)),
    ]


@dataclass(frozen=True)
class BookingWeek:
    """The "Book supervision" week: open slots by day, and the ids of those one booked."""

    week: Week
    booked: set[int]
    has_supervisor: bool


def booking_week(session: Session, mediator_id: int, day: date) -> BookingWeek:
    """The active, not yet started slots of the mediator's supervisor open to them in the
    week holding `day`, with their groups, and which they booked (three queries)."""
    monday = monday_of(day)
    start = max(day_start(monday), utcnow())
    stop = day_start(monday + timedelta(weeks=1))
    supervisor = session.scalar(
        select(Assignment.supervisor_id).where(
            Assignment.mediator_id == mediator_id, Assignment.ended_at.is_(None)
        )
    )
    rows = session.scalars(
        select(Slot)
        .options(joinedload(Slot.group))
        .where(*_open_to(mediator_id), Slot.status == ACTIVE)
        .where(Slot.starts_at >= start, Slot.starts_at < stop)
        .order_by(Slot.starts_at, Slot.id)
    ).all()
    booked = set(
        session.scalars(
            select(Booking.slot_id).where(
                Booking.mediator_id == mediator_id,
                Booking.status == BOOKED,
                Booking.slot_id.in_([row.id for row in rows] or [0]),
            )
        )
    )
    return BookingWeek(Week(monday, _by_day(monday, rows)), booked, supervisor is not None)


@dataclass(frozen=True)
class Mine:
    """One of the mediator's bookings as "My bookings" shows it."""

    booking: Booking
    late_if_cancelled: bool
    link_open: bool


def my_bookings(session: Session, mediator_id: int, *, past: bool = False) -> list[Mine]:
    """The mediator's bookings of slots not ended yet, soonest first (cancelled ones too);
    or of past slots, latest first (one query)."""
    now = utcnow()
    rows = session.scalars(
        select(Booking)
        .join(Slot, Slot.id == Booking.slot_id)
        .options(joinedload(Booking.slot).joinedload(Slot.group))
        .where(Booking.mediator_id == mediator_id)
        .where(Slot.ends_at <= now if past else Slot.ends_at > now)
        .order_by(Slot.starts_at.desc() if past else Slot.starts_at, Booking.id)
        .limit(200)
    ).all()
    return [
        Mine(row, is_late(row.slot, now), link_open(row.slot, row.status == BOOKED, now))
        for row in rows
    ]


def get_slot(session: Session, slot_id: int) -> Slot:
    """The slot with its group and bookings (and who made them). Raises NotFound."""
    slot = session.scalar(
        select(Slot)
        .options(
            joinedload(Slot.group),
            selectinload(Slot.bookings).joinedload(Booking.mediator),
        )
        .where(Slot.id == slot_id)
    )
    if slot is None:
        raise NotFound()
    return slot


def own_slot_or_404(session: Session, supervisor, slot_id: int) -> Slot:
    """One of `supervisor`'s slots. Raises NotFound for any other."""
    slot = get_slot(session, slot_id)
    if slot.supervisor_id != supervisor.id:
        raise NotFound()
    return slot


def visible_slot_or_404(session: Session, viewer, slot_id: int) -> Slot:
    """The slot when `viewer` is its supervisor, booked it once, or may book it now.
    Raises NotFound otherwise."""
    slot = get_slot(session, slot_id)
    if slot.supervisor_id == viewer.id or any(
        booking.mediator_id == viewer.id for booking in slot.bookings
    ):
        return slot
    allowed = session.scalar(select(Slot.id).where(Slot.id == slot.id, *_open_to(viewer.id)))
    if allowed is None:
        raise NotFound()
    return slot


def live_booking(slot: Slot, mediator_id: int) -> Booking | None:
    return next(
        (b for b in slot.bookings if b.mediator_id == mediator_id and b.status == BOOKED), None
    )


def own_booking_or_404(session: Session, mediator, booking_id: int) -> Booking:
    """The mediator's own booking with its slot. Raises NotFound for any other."""
    booking = session.scalar(
        select(Booking).options(joinedload(Booking.slot)).where(Booking.id == booking_id)
    )
    if booking is None or booking.mediator_id != mediator.id:
        raise NotFound()
    return booking


def next_session(session: Session, user) -> Slot | None:
    """The next active slot not yet ended that `user` booked, or (a supervisor) that holds
    a booking of theirs (one query): the home panel."""
    now = utcnow()
    query = select(Slot).where(Slot.status == ACTIVE, Slot.ends_at > now)
    if user.role == "supervisor":
        query = query.where(Slot.supervisor_id == user.id, Slot.booked_count > 0)
    else:
        query = query.join(Booking, Booking.slot_id == Slot.id).where(
            Booking.mediator_id == user.id, Booking.status == BOOKED
        )
    return session.scalar(query.order_by(Slot.starts_at, Slot.id).limit(1))
