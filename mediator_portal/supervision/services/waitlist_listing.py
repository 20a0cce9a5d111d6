"""What the pages and the job read of the waitlist: the viewer's place on a slot's list,
their entries ("My bookings"), their entries among the slots of a week (the booking page),
and what the periodic job has to do."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.database import utcnow
from mediator_portal.supervision.models import (
    ACTIVE,
    GROUP,
    OFFERED,
    WAITING,
    Slot,
    WaitlistEntry,
)
from mediator_portal.supervision.services.errors import NotFound
from mediator_portal.supervision.services.waitlist import ON_LIST, _counts, _entry


def expired_offers(session: Session, now: datetime) -> list[int]:
    """The ids of the offers whose time has passed (not yet passed on)."""
    return list(
        session.scalars(
            select(WaitlistEntry.id)
            .where(WaitlistEntry.status == OFFERED, WaitlistEntry.expires_at <= now)
            .order_by(WaitlistEntry.expires_at, WaitlistEntry.id)
        )
    )


def slots_to_offer(session: Session, now: datetime) -> list[int]:
    """Active group slots not started with someone waiting (the job offers their seats)."""
    return list(
        session.scalars(
            select(Slot.id)
            .where(Slot.status == ACTIVE, Slot.kind == GROUP, Slot.starts_at > now)
            .where(
                Slot.id.in_(select(WaitlistEntry.slot_id).where(WaitlistEntry.status == WAITING))
            )
            .order_by(Slot.starts_at, Slot.id)
        )
    )


@dataclass(frozen=True)
class Place:
    """The waitlist of one slot as one viewer sees it: their entry (waiting or offered, or
    None), how many wait, and whether a direct booking is open."""

    entry: WaitlistEntry | None
    waiting: int
    offers: int

    @property
    def offer_open(self) -> bool:
        return self.entry is not None and self.entry.status == OFFERED


def place(session: Session, slot: Slot, viewer_id: int, now: datetime | None = None) -> Place:
    """The viewer's place on the slot's waitlist (two queries)."""
    now = now or utcnow()
    entry = _entry(session, slot.id, viewer_id)
    if entry is not None and entry.status == OFFERED and entry.expires_at <= now:
        entry = None  # an expired offer, being passed on
    waiting, offers = _counts(session, slot.id, now)
    return Place(entry, waiting, offers)


def my_places(session: Session, mediator_id: int, now: datetime | None = None):
    """The mediator's live entries on slots not started, soonest first, with their slots
    (one query): "My bookings" shows them with Accept / Leave."""
    now = now or utcnow()
    return session.scalars(
        select(WaitlistEntry)
        .join(Slot, Slot.id == WaitlistEntry.slot_id)
        .options(joinedload(WaitlistEntry.slot))
        .where(WaitlistEntry.mediator_id == mediator_id, WaitlistEntry.status.in_(ON_LIST))
        .where(Slot.status == ACTIVE, Slot.starts_at > now)
        .order_by(Slot.starts_at, WaitlistEntry.id)
        .limit(200)
    ).all()


def own_entry_or_404(session: Session, mediator, entry_id: int) -> WaitlistEntry:
    """The mediator's own waitlist entry. Raises NotFound for any other."""
    entry = session.get(WaitlistEntry, entry_id)
    if entry is None or entry.mediator_id != mediator.id:
        raise NotFound()
    return entry


def entries_among(
    session: Session, mediator_id: int, slot_ids
) -> tuple[dict[int, WaitlistEntry], set[int]]:
    """Among `slot_ids`: {slot id: the mediator's live entry}, and the slots whose free seats
    are held for their waitlist (someone waits or holds an offer), in one query: the booking
    page offers to join the waitlist there, not to book past those waiting."""
    rows = session.scalars(
        select(WaitlistEntry).where(
            WaitlistEntry.status.in_(ON_LIST),
            WaitlistEntry.slot_id.in_(list(slot_ids) or [0]),
        )
    )
    mine, held = {}, set()
    for row in rows:
        held.add(row.slot_id)
        if row.mediator_id == mediator_id:
            mine[row.slot_id] = row
    return mine, held
