"""The fair waitlist of full group slots.

A mediator who may book a group slot that is full joins its waitlist. When a seat frees (a
booking is cancelled, an offer expires or is given up, seats are added), it is OFFERED to
the waiting mediator furthest below their supervision-hours target (on a tie, whoever
joined first), who has SUPERVISION_CLAIM_HOURS to accept it (at most half the time left
before the start). Nobody is booked without accepting: accepting books through the same
seat counter as any booking. An offer not accepted in time passes to the next
(`pass_expired`, run by a periodic job, each offer once under its `sent_once` key).

While anyone is on the list, the free seats are theirs: a direct booking of the slot is
refused (`book_seat`). Every change locks the slot's row first (as `changes._lock` does),
so offers, acceptances and bookings of one slot take turns.
"""

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.database import utcnow
from mediator_portal.supervision.models import (
    ACCEPTED,
    ACTIVE,
    BOOKED,
    EXPIRED,
    GROUP,
    LEFT,
    OFFERED,
    WAITING,
    Booking,
    Slot,
    WaitlistEntry,
)
from mediator_portal.supervision.services.booking import _in_group, _lock_mediator, book, setting
from mediator_portal.supervision.services.errors import (
    AlreadyBooked,
    NotInGroup,
    NotYourSupervisor,
    SlotCancelled,
    SlotStarted,
)
from mediator_portal.supervision.services.hours import hours_below_target
from mediator_portal.supervision.services.waitlist_errors import (
    AlreadyWaiting,
    HeldForWaitlist,
    NoOffer,
    NotOnWaitlist,
    NoWaitlist,
    OfferExpired,
    SeatsFree,
)
from mediator_portal.supervision.services.waitlist_notices import tell_offered

ON_LIST = (WAITING, OFFERED)


def claim_window(slot: Slot, now: datetime) -> datetime:
    """When an offer made at `now` ends: SUPERVISION_CLAIM_HOURS later, or half the time
    left before the start if that is sooner."""
    hours = timedelta(hours=setting("SUPERVISION_CLAIM_HOURS"))
    return now + min(hours, (slot.starts_at - now) / 2)


def _lock_slot(session: Session, slot_id: int) -> int:
    """Lock the slot's row for this transaction; its booked count as committed now."""
    return session.execute(
        update(Slot)
        .where(Slot.id == slot_id)
        .values(sequence=Slot.sequence)
        .returning(Slot.booked_count),
        execution_options={"synchronize_session": False},
    ).scalar_one()


def _counts(session: Session, slot_id: int, now: datetime) -> tuple[int, int]:
    """(waiting, live offers) of the slot (one query)."""
    waiting, offers = session.execute(
        select(
            func.count().filter(WaitlistEntry.status == WAITING),
            func.count().filter(WaitlistEntry.status == OFFERED, WaitlistEntry.expires_at > now),
        ).where(WaitlistEntry.slot_id == slot_id)
    ).one()
    return waiting or 0, offers or 0


def _entry(session: Session, slot_id: int, mediator_id: int) -> WaitlistEntry | None:
    return session.scalar(
        select(WaitlistEntry).where(
            WaitlistEntry.slot_id == slot_id,
            WaitlistEntry.mediator_id == mediator_id,
            WaitlistEntry.status.in_(ON_LIST),
        )
    )


def book_seat(session: Session, slot: Slot, mediator, now: datetime | None = None) -> Booking:
    """A direct booking (the "Book" button): refused with HeldForWaitlist while a group
    slot's free seats belong to its waitlist; otherwise `booking.book`."""
    now = now or utcnow()
    if slot.kind == GROUP:
        booked = _lock_slot(session, slot.id)
        waiting, offers = _counts(session, slot.id, now)
        free = slot.capacity - booked
        if free > 0 and (waiting or offers >= free):
            raise HeldForWaitlist()
    return book(session, slot, mediator, now)


def join(session: Session, slot: Slot, mediator, now: datetime | None = None) -> WaitlistEntry:
    """Put `mediator` on the waitlist of the full group `slot`. Raises NoWaitlist,
    NotYourSupervisor, NotInGroup, SlotCancelled, SlotStarted, AlreadyBooked,
    AlreadyWaiting, SeatsFree."""
    now = now or utcnow()
    if slot.kind != GROUP:
        raise NoWaitlist()
    booked = _lock_slot(session, slot.id)  # the slot first, as `book_seat` and `accept` do
    supervisor_id = _lock_mediator(session, mediator.id)
    if supervisor_id is None or supervisor_id != slot.supervisor_id:
        raise NotYourSupervisor()
    if not _in_group(session, slot, mediator.id):
        raise NotInGroup()
    if slot.status != ACTIVE:
        raise SlotCancelled()
    if slot.starts_at <= now:
        raise SlotStarted()
    mine = select(Booking.id).where(
        Booking.slot_id == slot.id, Booking.mediator_id == mediator.id, Booking.status == BOOKED
    )
    if session.scalar(mine) is not None:
        raise AlreadyBooked()
    if _entry(session, slot.id, mediator.id) is not None:
        raise AlreadyWaiting()
    waiting, offers = _counts(session, slot.id, now)
    if not waiting and booked + offers < slot.capacity:
        raise SeatsFree()
    entry = WaitlistEntry(slot_id=slot.id, mediator_id=mediator.id, status=WAITING, created_at=now)
    session.add(entry)
    session.flush()
    audit.record(session, actor=mediator, action="supervision.waitlist.join", target=slot)
    return entry


def offer_free_seats(session: Session, slot: Slot, now: datetime | None = None) -> list[int]:
    """Offer each seat free and not on offer to the next waiting mediator (furthest below
    target, then earliest); the ids of the entries offered. Nothing for a slot cancelled
    or started."""
    now = now or utcnow()
    if slot.kind != GROUP or slot.status != ACTIVE or slot.starts_at <= now:
        return []
    booked = _lock_slot(session, slot.id)
    _, offers = _counts(session, slot.id, now)
    free = slot.capacity - booked - offers
    if free <= 0:
        return []
    waiting = session.scalars(
        select(WaitlistEntry)
        .where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.status == WAITING)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    below = hours_below_target(session, [entry.mediator_id for entry in waiting], None)
    ranked = sorted(waiting, key=lambda e: (-(below.get(e.mediator_id) or 0), e.created_at, e.id))
    ends, offered = claim_window(slot, now), []
    for entry in ranked[:free]:
        claimed = session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.id == entry.id, WaitlistEntry.status == WAITING)
            .values(status=OFFERED, offered_at=now, expires_at=ends)
            .returning(WaitlistEntry.id),
            execution_options={"synchronize_session": False},
        ).scalar_one_or_none()
        if claimed is None:
            continue
        session.expire(entry)
        tell_offered(session, entry)
        offered.append(entry.id)
    return offered


def accept(session: Session, entry: WaitlistEntry, mediator, now: datetime | None = None):
    """Accept the seat offered by `entry`: it becomes a booking (through the seat counter).
    Raises OfferExpired, NoOffer (already accepted, or not offered) and `book`'s errors."""
    now = now or utcnow()
    slot = session.get(Slot, entry.slot_id)
    _lock_slot(session, slot.id)
    claimed = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.id == entry.id,
            WaitlistEntry.status == OFFERED,
            WaitlistEntry.expires_at > now,
        )
        .values(status=ACCEPTED, ended_at=now)
        .returning(WaitlistEntry.id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    session.expire(entry)
    if claimed is None:
        if entry.status == EXPIRED or (entry.status == OFFERED and entry.expires_at <= now):
            raise OfferExpired()
        raise NoOffer()
    booking = book(session, slot, mediator, now, notice=False)
    audit.record(session, actor=mediator, action="supervision.waitlist.accept", target=slot)
    return booking


def leave(session: Session, entry: WaitlistEntry, mediator, now: datetime | None = None) -> None:
    """Take `mediator` off the list; a seat on offer to them goes to the next. Raises
    NotOnWaitlist."""
    now = now or utcnow()
    slot = session.get(Slot, entry.slot_id)
    _lock_slot(session, slot.id)
    left = session.execute(
        update(WaitlistEntry)
        .where(WaitlistEntry.id == entry.id, WaitlistEntry.status.in_(ON_LIST))
        .values(status=LEFT, ended_at=now)
        .returning(WaitlistEntry.id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    session.expire(entry)
    if left is None:
        raise NotOnWaitlist()
    audit.record(session, actor=mediator, action="supervision.waitlist.leave", target=slot)
    offer_free_seats(session, slot, now)


def pass_on(session: Session, entry_id: int, now: datetime) -> list[int]:
    """End the expired offer `entry_id` and offer its seat to the next; the entries offered
    (none when it was accepted or given up meanwhile)."""
    entry = session.get(WaitlistEntry, entry_id)
    slot = session.get(Slot, entry.slot_id)
    _lock_slot(session, slot.id)
    ended = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.id == entry_id,
            WaitlistEntry.status == OFFERED,
            WaitlistEntry.expires_at <= now,
        )
        .values(status=EXPIRED, ended_at=now)
        .returning(WaitlistEntry.id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    session.expire(entry)
    return offer_free_seats(session, slot, now) if ended is not None else []
