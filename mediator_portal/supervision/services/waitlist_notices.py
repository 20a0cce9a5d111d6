"""How the notifications feature sees the waitlist: a seat offered to a waitlisted mediator
("supervision_offer", urgent: e-mailed at once) about their waitlist entry, which only
that mediator may read; its link is the slot's page, where they accept with one click.
The e-mail carries the slot's time and the link, never another person's name."""

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.notifications import services as notifications
from mediator_portal.supervision.models import WaitlistEntry

OFFER_KIND = "supervision_offer"
ENTRY_TYPE = "supervision_waitlist"
OFFERED_CODE = "offered"

notifications.register_kind(
    notifications.Kind(
        OFFER_KIND,
        _l("A seat is offered to me from a supervision waitlist"),
        delivery="immediately",
        mutable=False,
        urgent=True,
        details=(
            (
                OFFERED_CODE,
                _l(
                    "A seat is free for you. Accept it on the slot's page before the time "
                    "shown there, or it passes to the next person on the waitlist."
                ),
            ),
        ),
    )
)


def entries_by_id(session: Session, ids) -> dict[int, WaitlistEntry]:
    """{id: entry} with its slot (one query): the notifications' resolver."""
    rows = session.scalars(
        select(WaitlistEntry)
        .options(joinedload(WaitlistEntry.slot))
        .where(WaitlistEntry.id.in_(set(ids)))
    )
    return {row.id: row for row in rows}


def _resolve(viewer, entry: WaitlistEntry) -> notifications.Resolved:
    return notifications.Resolved(
        title=format_datetime(entry.slot.starts_at, "dd/MM/y, HH:mm"),
        link=notifications.Link("supervision.slot", (("slot_id", entry.slot_id),)),
        readable=getattr(viewer, "id", None) == entry.mediator_id,
    )


notifications.register_resolver(ENTRY_TYPE, notifications.Resolver(entries_by_id, _resolve))


def tell_offered(session: Session, entry: WaitlistEntry) -> None:
    """Tell the entry's mediator that a seat is theirs to accept."""
    notifications.notify(
        session,
        [entry.mediator_id],
        OFFER_KIND,
        notifications.Target(ENTRY_TYPE, entry.id),
        None,
        detail=OFFERED_CODE,
    )
