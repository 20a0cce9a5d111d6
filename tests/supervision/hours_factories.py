"""Hours test helpers: slots that have already started (published and booked "back then"),
marked through the services, and periods."""

from datetime import date, time, timedelta

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Booking, Period
from tests.supervision.factories import athens_day, make_slot


def past_slot(supervisor, *, days_ago: int = 2, day: date | None = None, **options):
    """A slot of `supervisor` that started `days_ago` days ago (or on `day`), published back
    then."""
    day = day or athens_day(-days_ago)
    back_then = utcnow() - timedelta(days=(athens_day(0) - day).days + 5)
    return make_slot(supervisor, day=day, now=back_then, **options)


def book_back_then(slot, *mediators) -> None:
    """Seats of `slot` for `mediators`, as booked three days before it (rows written as the
    booking service writes them; its rules are tested in test_services_booking.py)."""
    for mediator in mediators:
        db.session.add(
            Booking(
                slot_id=slot.id,
                mediator_id=mediator.id,
                status=services.BOOKED,
                created_at=slot.starts_at - timedelta(days=3),
            )
        )
        slot.booked_count += 1
    db.session.flush()


def attended(supervisor, mediators, status: str = "attended", **options):
    """A past slot booked by `mediators`, each marked `status`."""
    slot = past_slot(supervisor, **options)
    book_back_then(slot, *mediators)
    services.mark_attendance(
        db.session, slot, supervisor=supervisor, marks={m.id: status for m in mediators}
    )
    return slot


def make_period(first: date, last: date, target: int = 10, name: str = "Α΄ εξάμηνο") -> Period:
    period = Period(name=name, starts_on=first, ends_on=last, target_hours=target)
    db.session.add(period)
    db.session.flush()
    return period


NOON = time(12, 0)
