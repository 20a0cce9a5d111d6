"""Attendance: once a session has started, trainers and administrators mark everyone who
answered "going" (and any other member they add) present, absent or excused, all at once.
The sheet is read in two queries whatever the number of people."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import Municipality, User
from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.training.models import (
    ATTENDANCE_STATUSES,
    GOING,
    Attendance,
    Rsvp,
    TrainingSession,
)
from mediator_portal.training.services.errors import (
    NotStarted,
    UnknownAttendance,
    UnknownMember,
)
from mediator_portal.training.services.roles import require_manager


@dataclass(frozen=True)
class SheetRow:
    """One person on the attendance sheet: their mark so far (None: not marked)."""

    user_id: int
    name: str
    municipality: str
    going: bool
    status: str | None


def has_started(row: TrainingSession, now: datetime | None = None) -> bool:
    return row.starts_at <= (now or utcnow())


def attendance_sheet(session: Session, row: TrainingSession, locale: str = "el") -> list[SheetRow]:
    """Everyone who answered "going" or was marked, by name (one query)."""
    going = select(Rsvp.user_id).where(Rsvp.session_id == row.id, Rsvp.answer == GOING)
    marked = select(Attendance.user_id).where(Attendance.session_id == row.id)
    rows = session.execute(
        select(User.id, User.name, Municipality, Attendance.status, Rsvp.answer)
        .outerjoin(Municipality, User.municipality_id == Municipality.id)
        .outerjoin(Attendance, (Attendance.user_id == User.id) & (Attendance.session_id == row.id))
        .outerjoin(Rsvp, (Rsvp.user_id == User.id) & (Rsvp.session_id == row.id))
        .where(or_(User.id.in_(going), User.id.in_(marked)))
        .order_by(User.name, User.id)
    ).all()
    return [
        SheetRow(
            user_id=user_id,
            name=name,
            municipality=municipality.label(locale) if municipality else "",
            going=answer == GOING,
            status=status,
        )
        for user_id, name, municipality, status, answer in rows
    ]


def members_to_add(session: Session, row: TrainingSession) -> list[tuple[int, str]]:
    """The active members not on the sheet yet, by name: (id, name)."""
    going = select(Rsvp.user_id).where(Rsvp.session_id == row.id, Rsvp.answer == GOING)
    marked = select(Attendance.user_id).where(Attendance.session_id == row.id)
    return [
        (user_id, name)
        for user_id, name in session.execute(
            select(User.id, User.name)
            .where(User.active.is_(True), User.id.not_in(going), User.id.not_in(marked))
            .order_by(User.name, User.id)
        )
    ]


def mark_attendance(
    session: Session,
    row: TrainingSession,
    *,
    actor,
    marks: Mapping[int, str],
    add: int | None = None,
    add_status: str = "present",
) -> int:
    """Record `marks` ({user id: status}) for people on the sheet, and mark member `add`
    (an active account's id) `add_status`; how many rows were written. Raises NotAllowed,
    NotStarted, UnknownAttendance (a status that is not one of the three, or a person
    not on the sheet), UnknownMember."""
    require_manager(actor)
    if not has_started(row):
        raise NotStarted()
    wanted = dict(marks)
    if any(status not in ATTENDANCE_STATUSES for status in wanted.values()):
        raise UnknownAttendance()
    on_sheet = {entry.user_id for entry in attendance_sheet(session, row)}
    if not set(wanted) <= on_sheet:
        raise UnknownAttendance()
    if add is not None:
        if add_status not in ATTENDANCE_STATUSES:
            raise UnknownAttendance()
        member = session.get(User, add)
        if member is None or not member.active:
            raise UnknownMember()
        wanted[add] = add_status
    # One upsert: two trainers saving the same sheet at once both succeed (the later mark
    # stays), where reading then inserting made the second a duplicate key (a 500).
    statement = dialect_insert(session, Attendance).values(
        [
            {
                "session_id": row.id,
                "user_id": user_id,
                "status": status,
                "marked_by_id": actor.id,
                "marked_at": utcnow(),
            }
            for user_id, status in wanted.items()
        ]
    )
    fresh = statement.excluded
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["session_id", "user_id"],
            set_={
                "status": fresh.status,
                "marked_by_id": fresh.marked_by_id,
                "marked_at": fresh.marked_at,
            },
            where=Attendance.status != fresh.status,
        )
    )
    return len(wanted)
