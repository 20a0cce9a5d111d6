"""How the notifications feature sees supervision: a slot changed or cancelled by the
supervisor tells the mediators booked on it, with the reason (the notification's detail).
The "supervision_slot" target is readable by the slot's supervisor and by the mediators who
booked it or were on its waitlist, nobody else; the e-mail carries the time, the reason and
the link (never any other person's name, never a note)."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mediator_portal.notifications import services as notifications
from mediator_portal.supervision.models import Slot, WaitlistEntry

CHANGED_KIND = "supervision_changed"
CANCELLED_KIND = "supervision_cancelled"
SLOT_TYPE = "supervision_slot"

notifications.register_kind(
    notifications.Kind(
        CHANGED_KIND,
        _l("A supervision session I booked was changed"),
        delivery="immediately",
        mutable=False,
        urgent=True,
    )
)
notifications.register_kind(
    notifications.Kind(
        CANCELLED_KIND,
        _l("A supervision session I booked was cancelled"),
        delivery="immediately",
        mutable=False,
        urgent=True,
    )
)


def slot_target(slot: Slot) -> notifications.Target:
    return notifications.Target(SLOT_TYPE, slot.id)


def slots_by_id(session: Session, ids) -> dict[int, Slot]:
    """{id: slot} with its bookings and, as `waitlisted_ids`, who was on its waitlist (three
    queries): the notifications' resolver."""
    rows = session.scalars(
        select(Slot).options(selectinload(Slot.bookings)).where(Slot.id.in_(set(ids)))
    )
    found = {row.id: row for row in rows}
    waitlisted: dict[int, set[int]] = {}
    for slot_id, mediator_id in session.execute(
        select(WaitlistEntry.slot_id, WaitlistEntry.mediator_id).where(
            WaitlistEntry.slot_id.in_(list(found) or [0])
        )
    ):
        waitlisted.setdefault(slot_id, set()).add(mediator_id)
    for slot_id, row in found.items():
        row.waitlisted_ids = waitlisted.get(slot_id, set())
    return found


def _title(slot: Slot) -> str:
    """The slot's Athens date and time in digits: the same in every language (the title is
    resolved before the e-mail's language is chosen; the kind's label says what it is)."""
    return format_datetime(slot.starts_at, "dd/MM/y, HH:mm")


def _resolve(viewer, slot: Slot) -> notifications.Resolved:
    readers = {slot.supervisor_id} | {booking.mediator_id for booking in slot.bookings}
    readers |= getattr(slot, "waitlisted_ids", set())
    return notifications.Resolved(
        title=_title(slot),
        link=notifications.Link("supervision.slot", (("slot_id", slot.id),)),
        readable=getattr(viewer, "id", None) in readers,
    )


notifications.register_resolver(SLOT_TYPE, notifications.Resolver(slots_by_id, _resolve))


def tell_booked(session: Session, slot: Slot, mediator_ids, kind: str, *, actor, reason: str):
    """Notify `mediator_ids` (booked on `slot`) that it was changed or cancelled, why."""
    if mediator_ids:
        notifications.notify(
            session, sorted(mediator_ids), kind, slot_target(slot), actor, detail=reason
        )
