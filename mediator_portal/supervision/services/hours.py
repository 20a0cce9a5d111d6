"""Supervision hours, computed from the attendance marks (nothing stored of their own).

Each slot marked attended counts its length, as individual or group hours after the slot's
kind, in the Athens month and in each period holding its Athens day. A disputed line still
counts until its supervisor corrects the mark. A mediator's record and the totals each read
a fixed number of queries whatever the number of slots. The totals hold hours and counts
only: never a comment.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.supervision.models import (
    ATTENDED,
    GROUP,
    MARKED_LATE,
    NO_SHOW,
    Mark,
    Period,
    Slot,
)
from mediator_portal.supervision.services.times import day_start
from mediator_portal.timezones import to_local

CENT = Decimal("0.01")


def hours_of(minutes: int) -> Decimal:
    """`minutes` as hours with two decimals (90 minutes: 1.50)."""
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Sums:
    """Minutes attended (individual, group) and the count of each mark."""

    individual_minutes: int = 0
    group_minutes: int = 0
    attended: int = 0
    no_show: int = 0
    late: int = 0

    @property
    def individual(self) -> Decimal:
        return hours_of(self.individual_minutes)

    @property
    def group(self) -> Decimal:
        return hours_of(self.group_minutes)

    @property
    def hours(self) -> Decimal:
        return hours_of(self.individual_minutes + self.group_minutes)

    def add(self, status: str, kind: str, minutes: int) -> None:
        if status == ATTENDED:
            self.attended += 1
            if kind == GROUP:
                self.group_minutes += minutes
            else:
                self.individual_minutes += minutes
        elif status == NO_SHOW:
            self.no_show += 1
        elif status == MARKED_LATE:
            self.late += 1

    def merge(self, other: "Sums") -> None:
        self.individual_minutes += other.individual_minutes
        self.group_minutes += other.group_minutes
        self.attended += other.attended
        self.no_show += other.no_show
        self.late += other.late


def below(period: Period | None, sums: Sums) -> Decimal:
    """The hours still missing to reach the period's target (0 once reached)."""
    if period is None:
        return Decimal("0.00")
    return max(Decimal(period.target_hours) - sums.hours, Decimal("0.00")).quantize(CENT)


@dataclass(frozen=True)
class Line:
    """One marked slot on a mediator's record."""

    mark_id: int
    slot_id: int
    kind: str
    starts_at: datetime
    ends_at: datetime
    status: str
    answer: str
    comment: str
    supervisor_id: int
    supervisor: str

    @property
    def hours(self) -> Decimal:
        return hours_of(int((self.ends_at - self.starts_at).total_seconds() // 60))

    @property
    def day(self) -> date:
        return to_local(self.starts_at).date()


@dataclass(frozen=True)
class PeriodSums:
    period: Period
    sums: Sums

    @property
    def below(self) -> Decimal:
        return below(self.period, self.sums)


@dataclass(frozen=True)
class Record:
    """A mediator's hours: their lines (newest first), sums per month (newest first) and per
    period, and in all."""

    mediator: User
    lines: list[Line]
    months: list[tuple[date, Sums]]
    periods: list[PeriodSums]
    total: Sums


def periods(session: Session) -> list[Period]:
    """Every period, the latest first (one query)."""
    return list(session.scalars(select(Period).order_by(Period.starts_on.desc(), Period.id.desc())))


def in_period(period: Period, day: date) -> bool:
    return period.starts_on <= day <= period.ends_on


def _lines(session: Session, mediator_id: int) -> list[Line]:
    supervisor = User.__table__.alias("supervisor")
    rows = session.execute(
        select(
            Mark.id,
            Slot.id,
            Slot.kind,
            Slot.starts_at,
            Slot.ends_at,
            Mark.status,
            Mark.answer,
            Mark.comment,
            supervisor.c.id,
            supervisor.c.name,
        )
        .join(Slot, Slot.id == Mark.slot_id)
        .join(supervisor, supervisor.c.id == Slot.supervisor_id)
        .where(Mark.mediator_id == mediator_id)
        .order_by(Slot.starts_at.desc(), Slot.id.desc())
    )
    return [Line(*row) for row in rows]


def hours_record(session: Session, mediator: User) -> Record:
    """`mediator`'s record (two queries: the lines, the periods)."""
    lines = _lines(session, mediator.id)
    every = periods(session)
    months: dict[date, Sums] = {}
    per_period = {period.id: Sums() for period in every}
    total = Sums()
    for line in lines:
        minutes = int((line.ends_at - line.starts_at).total_seconds() // 60)
        day = line.day
        months.setdefault(day.replace(day=1), Sums()).add(line.status, line.kind, minutes)
        total.add(line.status, line.kind, minutes)
        for period in every:
            if in_period(period, day):
                per_period[period.id].add(line.status, line.kind, minutes)
    return Record(
        mediator=mediator,
        lines=lines,
        months=sorted(months.items(), reverse=True),
        periods=[PeriodSums(period, per_period[period.id]) for period in every],
        total=total,
    )


def current_period(session: Session, today: date | None = None) -> Period | None:
    """The period holding today (Athens; the latest started when several), or None."""
    today = today or to_local(utcnow()).date()
    return session.scalar(
        select(Period)
        .where(Period.starts_on <= today, Period.ends_on >= today)
        .order_by(Period.starts_on.desc(), Period.id.desc())
        .limit(1)
    )


def marks_in(period: Period | None):
    """The (mediator, mark, kind, start, end) of every mark, of slots in `period` if given."""
    statement = select(Mark.mediator_id, Mark.status, Slot.kind, Slot.starts_at, Slot.ends_at).join(
        Slot, Slot.id == Mark.slot_id
    )
    if period is not None:
        first, after = period_bounds(period)
        statement = statement.where(Slot.starts_at >= first, Slot.starts_at < after)
    return statement


def period_bounds(period: Period) -> tuple[datetime, datetime]:
    """The first moment of the period and the first after it, in UTC."""
    return day_start(period.starts_on), day_start(period.ends_on + timedelta(days=1))


def sums_of(session: Session, mediator_ids: Iterable[int], period: Period | None) -> dict:
    """{mediator id: Sums} of those mediators in `period` (None: ever) (one query)."""
    wanted = list(mediator_ids)
    found = {mediator_id: Sums() for mediator_id in wanted}
    if not wanted:
        return found
    statement = marks_in(period).where(Mark.mediator_id.in_(wanted))
    for mediator_id, status, kind, starts_at, ends_at in session.execute(statement):
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        found[mediator_id].add(status, kind, minutes)
    return found


def hours_below_target(
    session: Session, mediator_ids: Iterable[int], period_or_none: Period | None
) -> dict[int, Decimal]:
    """{mediator id: hours below the target} in `period_or_none` (None: the current period;
    without one, nobody is below: 0). Two queries at most, whatever the number of people."""
    wanted = list(mediator_ids)
    period = period_or_none or current_period(session)
    if period is None:
        return {mediator_id: Decimal("0.00") for mediator_id in wanted}
    sums = sums_of(session, wanted, period)
    return {mediator_id: below(period, sums[mediator_id]) for mediator_id in wanted}
