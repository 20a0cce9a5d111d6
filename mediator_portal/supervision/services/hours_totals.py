"""The totals trainers and administrators see: every active mediator (and anyone marked in
the period) with their hours and counts, and the same summed per region. Two queries,
whatever the number of mediators and slots; never a comment."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import Municipality, Region, User
from mediator_portal.permissions import Role
from mediator_portal.supervision.models import Period
from mediator_portal.supervision.services.hours import Sums, marks_in


@dataclass
class MediatorTotals:
    """One row of the totals: a mediator, where they work, their sums."""

    mediator_id: int
    name: str
    municipality: str
    region: str
    sums: Sums = field(default_factory=Sums)


@dataclass
class RegionTotals:
    region: str
    mediators: int = 0
    sums: Sums = field(default_factory=Sums)


def totals(session: Session, period: Period | None, locale: str = "el") -> list[MediatorTotals]:
    """Every active mediator and anyone marked in `period` (None: ever), by name, with their
    sums (two queries)."""
    marks = marks_in(period).subquery()
    people = (
        select(User.id, User.name, Municipality, Region)
        .outerjoin(Municipality, User.municipality_id == Municipality.id)
        .outerjoin(Region, Municipality.region_id == Region.id)
        .where(
            or_(
                (User.role == Role.MEDIATOR.value) & User.active.is_(True),
                User.id.in_(select(marks.c.mediator_id)),
            )
        )
        .order_by(User.name_key, User.id)
    )
    rows = {
        mediator_id: MediatorTotals(
            mediator_id,
            name,
            municipality.label(locale) if municipality else "",
            region.label(locale) if region else "",
        )
        for mediator_id, name, municipality, region in session.execute(people)
    }
    for mediator_id, status, kind, starts_at, ends_at in session.execute(marks_in(period)):
        if mediator_id in rows:
            minutes = int((ends_at - starts_at).total_seconds() // 60)
            rows[mediator_id].sums.add(status, kind, minutes)
    return list(rows.values())


def by_region(rows: Iterable[MediatorTotals]) -> list[RegionTotals]:
    """The totals summed per region (mediators without one under ""), by region name."""
    found: dict[str, RegionTotals] = {}
    for row in rows:
        region = found.setdefault(row.region, RegionTotals(row.region))
        region.mediators += 1
        region.sums.merge(row.sums)
    return sorted(found.values(), key=lambda region: (region.region == "", region.region))
