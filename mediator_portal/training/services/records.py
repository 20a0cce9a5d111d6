"""Training records, computed from the attendance marks (nothing stored of their own).

A member's record lists the sessions they were marked for (present, absent or excused),
newest first; each session counts its duration in hours, and only the sessions attended
(present) count in the totals. The overview gives every active mediator, and anyone else
marked in the period, with their totals, filtered by Athens calendar days and by region or
municipality. Each reads a fixed number of queries whatever the number of people and
sessions.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.accounts.services import Municipality, Region, User
from mediator_portal.permissions import Role
from mediator_portal.timezones import local_to_utc
from mediator_portal.training.models import ABSENT, EXCUSED, PRESENT, Attendance, TrainingSession
from mediator_portal.training.services.errors import NotFound

CENT = Decimal("0.01")


def hours_of(minutes: int) -> Decimal:
    """`minutes` as hours with two decimals (90 minutes: 1.50)."""
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Period:
    """Athens calendar days from `first` to `last` (both included; None: no limit)."""

    first: date | None = None
    last: date | None = None

    @property
    def starts(self) -> datetime | None:
        """The first moment of the period, in UTC."""
        return local_to_utc(datetime.combine(self.first, time.min)) if self.first else None

    @property
    def ends(self) -> datetime | None:
        """The first moment after the period, in UTC."""
        if self.last is None:
            return None
        return local_to_utc(datetime.combine(self.last + timedelta(days=1), time.min))

    def where(self, statement):
        """`statement` (which selects from training sessions) limited to sessions that start
        in the period."""
        if self.starts is not None:
            statement = statement.where(TrainingSession.starts_at >= self.starts)
        if self.ends is not None:
            statement = statement.where(TrainingSession.starts_at < self.ends)
        return statement


@dataclass(frozen=True)
class RecordLine:
    """One session on a member's record: when, its title, its length and the mark."""

    session_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    status: str

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def hours(self) -> Decimal:
        return hours_of(self.minutes)


@dataclass
class Totals:
    """Sessions present, absent and excused, and the minutes of the sessions attended."""

    attended: int = 0
    absent: int = 0
    excused: int = 0
    minutes: int = 0

    @property
    def hours(self) -> Decimal:
        return hours_of(self.minutes)

    def add(self, status: str, minutes: int) -> None:
        if status == PRESENT:
            self.attended += 1
            self.minutes += minutes
        elif status == ABSENT:
            self.absent += 1
        elif status == EXCUSED:
            self.excused += 1


@dataclass(frozen=True)
class Record:
    """A member's record: the person, the sessions they were marked for, their totals."""

    member: User
    lines: list[RecordLine]
    totals: Totals


@dataclass
class MemberTotals:
    """One row of the overview: a member, where they work, their totals."""

    user_id: int
    name: str
    municipality: str
    region: str
    totals: Totals = field(default_factory=Totals)


def get_member(session: Session, user_id: int) -> User:
    """The account `user_id` with its municipality and region. Raises NotFound."""
    member = session.scalar(
        select(User)
        .options(joinedload(User.municipality).joinedload(Municipality.region))
        .where(User.id == user_id)
    )
    if member is None:
        raise NotFound()
    return member


def _lines(session: Session, user_id: int, period: Period) -> list[RecordLine]:
    statement = (
        select(
            TrainingSession.id,
            TrainingSession.title,
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            Attendance.status,
        )
        .join(Attendance, Attendance.session_id == TrainingSession.id)
        .where(Attendance.user_id == user_id)
        .order_by(TrainingSession.starts_at.desc(), TrainingSession.id.desc())
    )
    return [RecordLine(*row) for row in session.execute(period.where(statement))]


def record_of(session: Session, member: User, period: Period | None = None) -> Record:
    """`member`'s record in `period` (one query)."""
    lines = _lines(session, member.id, period or Period())
    totals = Totals()
    for line in lines:
        totals.add(line.status, line.minutes)
    return Record(member=member, lines=lines, totals=totals)


def _in_place(statement, region_id: int | None, municipality_id: int | None):
    """`statement` (which joins users) limited to the members of a region or municipality."""
    if municipality_id is not None:
        statement = statement.where(User.municipality_id == municipality_id)
    if region_id is not None:
        in_region = select(Municipality.id).where(Municipality.region_id == region_id)
        statement = statement.where(User.municipality_id.in_(in_region))
    return statement


def records_overview(
    session: Session,
    period: Period | None = None,
    *,
    region_id: int | None = None,
    municipality_id: int | None = None,
    locale: str = "el",
) -> list[MemberTotals]:
    """Every active mediator and everyone marked in `period`, by name, with their totals;
    only members of `region_id` / `municipality_id` when given (two queries)."""
    period = period or Period()
    marked = period.where(
        select(Attendance.user_id).join(
            TrainingSession, TrainingSession.id == Attendance.session_id
        )
    )
    people = select(User.id, User.name, Municipality, Region).outerjoin(
        Municipality, User.municipality_id == Municipality.id
    )
    people = people.outerjoin(Region, Municipality.region_id == Region.id).where(
        or_((User.role == Role.MEDIATOR.value) & User.active.is_(True), User.id.in_(marked))
    )
    people = _in_place(people, region_id, municipality_id).order_by(User.name, User.id)
    rows = {
        user_id: MemberTotals(
            user_id=user_id,
            name=name,
            municipality=municipality.label(locale) if municipality else "",
            region=region.label(locale) if region else "",
        )
        for user_id, name, municipality, region in session.execute(people)
    }
    marks = select(
        Attendance.user_id, Attendance.status, TrainingSession.starts_at, TrainingSession.ends_at
    ).join(TrainingSession, TrainingSession.id == Attendance.session_id)
    marks = _in_place(marks.join(User, User.id == Attendance.user_id), region_id, municipality_id)
    for user_id, status, starts_at, ends_at in session.execute(period.where(marks)):
        if user_id in rows:
            minutes = int((ends_at - starts_at).total_seconds() // 60)
            rows[user_id].totals.add(status, minutes)
    return list(rows.values())


def grand_total(rows: Iterable[MemberTotals]) -> Totals:
    """The totals of every row of the overview."""
    total = Totals()
    for row in rows:
        total.attended += row.totals.attended
        total.absent += row.totals.absent
        total.excused += row.totals.excused
        total.minutes += row.totals.minutes
    return total
