"""Supervision sessions as calendar events, for a person's calendar feed (the `calendar`
feature calls `calendar_events` through `Feature.calendar_events`).

A mediator's feed holds the slots they booked; a supervisor's, their slots that someone
booked. Each event says only "Clinical supervision", the place (or "Online") and the link
to the slot's page: no names of other people, no notes, no meeting link. Its UID is the
slot's and never changes; its SEQUENCE is the slot's (raised when the supervisor changes or
cancels it) plus, in a mediator's feed, two for each earlier booking of theirs and one when
their booking is cancelled, so a client always sees a higher number after a change. A
cancelled booking or slot stays as STATUS:CANCELLED for CANCELLED_KEPT, then leaves."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mediator_portal.calendar_files import CANCELLED, CONFIRMED, CalendarEvent
from mediator_portal.database import utcnow
from mediator_portal.mailer import external_url
from mediator_portal.supervision.models import ACTIVE, BOOKED, Booking, Slot

FEED_PAST = timedelta(days=180)
CANCELLED_KEPT = timedelta(days=30)


def slot_event(slot: Slot, *, status: str, sequence: int) -> CalendarEvent:
    page = external_url("supervision.slot", slot_id=slot.id)
    return CalendarEvent(
        uid=f"supervision-slot-{slot.id}@{urlsplit(page).hostname or 'mediator-portal'}",
        summary=_("Clinical supervision"),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        url=page,
        location=_("Online") if slot.online else (slot.place or ""),
        description=page,
        stamp=slot.updated_at,
        status=status,
        sequence=sequence,
    )


def _mediator_events(session: Session, user, now) -> list[CalendarEvent]:
    """The slots `user` booked (one query): their latest booking of each decides."""
    rows = session.execute(
        select(Slot, Booking.status, Booking.cancelled_at)
        .join(Booking, Booking.slot_id == Slot.id)
        .where(Booking.mediator_id == user.id, Slot.ends_at > now - FEED_PAST)
        .order_by(Slot.starts_at, Slot.id, Booking.id)
    ).all()
    latest: dict[int, tuple] = {}
    count: dict[int, int] = {}
    for slot, status, cancelled_at in rows:
        latest[slot.id] = (slot, status, cancelled_at)
        count[slot.id] = count.get(slot.id, 0) + 1
    events = []
    for slot_id, (slot, status, cancelled_at) in latest.items():
        live = status == BOOKED and slot.status == ACTIVE
        ended = cancelled_at or slot.cancelled_at
        if not live and ended is not None and ended < now - CANCELLED_KEPT:
            continue
        sequence = slot.sequence + 2 * (count[slot_id] - 1) + (0 if status == BOOKED else 1)
        events.append(slot_event(slot, status=CONFIRMED if live else CANCELLED, sequence=sequence))
    return events


def _supervisor_events(session: Session, user, now) -> list[CalendarEvent]:
    """The supervisor's slots that someone booked (one query)."""
    booked = select(Booking.slot_id).where(Booking.slot_id == Slot.id).exists()
    rows = session.scalars(
        select(Slot)
        .where(Slot.supervisor_id == user.id, Slot.ends_at > now - FEED_PAST, booked)
        .where(or_(Slot.cancelled_at.is_(None), Slot.cancelled_at > now - CANCELLED_KEPT))
        .order_by(Slot.starts_at, Slot.id)
    )
    return [
        slot_event(
            slot, status=CONFIRMED if slot.status == ACTIVE else CANCELLED, sequence=slot.sequence
        )
        for slot in rows
    ]


def calendar_events(session: Session, user) -> list[CalendarEvent]:
    """`user`'s supervision sessions: a supervisor's booked slots, anyone else's bookings
    (one query)."""
    now = utcnow()
    if user.role == "supervisor":
        return _supervisor_events(session, user, now)
    return _mediator_events(session, user, now)
