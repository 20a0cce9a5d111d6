"""Waitlist test helpers: a full two-seat group slot with people waiting, at a controlled
`now`, and what the database holds afterwards."""

from datetime import timedelta

from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.supervision import services
from mediator_portal.supervision.models import BOOKED, Booking, Slot, WaitlistEntry
from tests.supervision.factories import make_slot, make_team


def full_slot(waiting: int, *, days_ahead: int = 5, seats: int = 2):
    """A group slot of `seats` seats booked by as many mediators, `waiting` more on its
    waitlist (joined one minute apart, in order), and `now` (two days before the start):
    (slot, booked, waiters, now)."""
    supervisor, people = make_team(seats + waiting)
    slot = make_slot(supervisor, kind="group", capacity=seats, days_ahead=days_ahead)
    now = slot.starts_at - timedelta(days=2)
    booked, waiters = people[:seats], people[seats:]
    for person in booked:
        services.book(db.session, slot, person, now)
    for n, person in enumerate(waiters):
        services.join(db.session, slot, person, now + timedelta(minutes=n))
    db.session.commit()
    return slot, booked, waiters, now + timedelta(minutes=waiting)


def free_a_seat(slot, booked_person, now):
    """`booked_person` cancels; the seat goes to the waitlist (as the view does)."""
    booking = db.session.scalar(
        select(Booking).where(
            Booking.slot_id == slot.id,
            Booking.mediator_id == booked_person.id,
            Booking.status == BOOKED,
        )
    )
    db.session.refresh(booking)
    services.cancel_booking(db.session, booking, booked_person, now)
    offered = services.offer_free_seats(db.session, slot, now)
    db.session.commit()
    return offered


def entry_of(slot, person) -> WaitlistEntry:
    return db.session.scalar(
        select(WaitlistEntry)
        .where(WaitlistEntry.slot_id == slot.id, WaitlistEntry.mediator_id == person.id)
        .order_by(WaitlistEntry.id.desc())
        .execution_options(populate_existing=True)
    )


def offers_to(person) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.recipient_id == person.id, Notification.kind == services.OFFER_KIND)
    )


def seats(slot_id: int) -> tuple[int, int]:
    """(live bookings, seat counter) of the slot, as committed."""
    db.session.expire_all()
    live = db.session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(Booking.slot_id == slot_id, Booking.status == BOOKED)
    )
    return live, db.session.get(Slot, slot_id).booked_count
