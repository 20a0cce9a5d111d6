"""Attendance of a slot and the mediator's answer.

Once a slot has started, its own supervisor marks each mediator who booked it (or cancelled
it late, or was already marked) attended, no-show or cancelled late, all at once. The marks
are written by one upsert on (slot, mediator), so two saves racing both succeed (the later
mark stays). A changed mark asks the mediator again (its answer goes back to pending).

The mediator confirms or disputes each line marked attended; a dispute carries a comment
the supervisor reads on the slot's sheet and on the mediator's record. The comment never
goes into the audit trail.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session, joinedload

from mediator_portal import audit
from mediator_portal.accounts.services import User
from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.supervision.models import (
    ACTIVE,
    ATTENDED,
    BOOKED,
    CANCELLED_LATE,
    COMMENT_MAX,
    CONFIRMED,
    DISPUTED,
    MARKED_LATE,
    MARKS,
    PENDING,
    Booking,
    Mark,
    Slot,
)
from mediator_portal.supervision.services.errors import NotFound, SlotCancelled
from mediator_portal.supervision.services.hours_errors import (
    CommentRequired,
    CommentTooLong,
    NotAttended,
    NotStartedYet,
    UnknownMark,
)
from mediator_portal.supervision.services.hours_notices import tell_supervisor
from mediator_portal.text import markdown_source


@dataclass(frozen=True)
class SheetRow:
    """A mediator on a slot's sheet: their mark (None: not marked yet), the mark the sheet
    suggests, and their answer with its comment."""

    mediator_id: int
    name: str
    status: str | None
    suggested: str
    answer: str | None
    comment: str


def has_started(slot: Slot, now: datetime | None = None) -> bool:
    return slot.starts_at <= (now or utcnow())


def _on_sheet(slot_id: int):
    """The ids of the mediators a slot's sheet lists: booked, cancelled late, or marked."""
    booked = select(Booking.mediator_id).where(
        Booking.slot_id == slot_id, Booking.status.in_((BOOKED, CANCELLED_LATE))
    )
    marked = select(Mark.mediator_id).where(Mark.slot_id == slot_id)
    return or_(User.id.in_(booked), User.id.in_(marked))


def attendance_sheet(session: Session, slot: Slot) -> list[SheetRow]:
    """The slot's sheet, by name (one query)."""
    live = exists().where(
        Booking.slot_id == slot.id, Booking.mediator_id == User.id, Booking.status == BOOKED
    )
    rows = session.execute(
        select(User.id, User.name, Mark.status, Mark.answer, Mark.comment, live)
        .outerjoin(Mark, (Mark.mediator_id == User.id) & (Mark.slot_id == slot.id))
        .where(_on_sheet(slot.id))
        .order_by(User.name_key, User.id)
    ).all()
    return [
        SheetRow(
            mediator_id=mediator_id,
            name=name,
            status=status,
            suggested=status or (ATTENDED if booked else MARKED_LATE),
            answer=answer,
            comment=comment or "",
        )
        for mediator_id, name, status, answer, comment, booked in rows
    ]


def mark_attendance(
    session: Session, slot: Slot, *, supervisor, marks: Mapping[int, str], now=None
) -> int:
    """Record `marks` ({mediator id: mark}) on `slot`; how many were given. Raises NotFound
    (not the slot's supervisor), SlotCancelled, NotStartedYet, UnknownMark (a mark not one of
    the three, or a mediator not on the sheet)."""
    now = now or utcnow()
    if slot.supervisor_id != supervisor.id:
        raise NotFound()
    if slot.status != ACTIVE:
        raise SlotCancelled()
    if not has_started(slot, now):
        raise NotStartedYet()
    wanted = dict(marks)
    if any(status not in MARKS for status in wanted.values()):
        raise UnknownMark()
    if not wanted:
        return 0
    allowed = set(session.scalars(select(User.id).where(_on_sheet(slot.id))))
    if not set(wanted) <= allowed:
        raise UnknownMark()
    statement = dialect_insert(session, Mark).values(
        [
            {
                "slot_id": slot.id,
                "mediator_id": mediator_id,
                "status": status,
                "marked_by_id": supervisor.id,
                "marked_at": now,
                "answer": PENDING,
                "comment": "",
            }
            for mediator_id, status in sorted(wanted.items())
        ]
    )
    fresh = statement.excluded
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["slot_id", "mediator_id"],
            set_={
                "status": fresh.status,
                "marked_by_id": fresh.marked_by_id,
                "marked_at": fresh.marked_at,
                "answer": PENDING,
                "answered_at": None,
            },
            where=Mark.status != fresh.status,
        )
    )
    audit.record(
        session,
        actor=supervisor,
        action="supervision.attendance",
        target=slot,
        details={"marks": len(wanted)},
    )
    return len(wanted)


def own_mark_or_404(session: Session, mediator, mark_id: int) -> Mark:
    """The mediator's own mark `mark_id` (with its slot). Raises NotFound otherwise."""
    mark = session.scalar(select(Mark).options(joinedload(Mark.slot)).where(Mark.id == mark_id))
    if mark is None or mark.mediator_id != mediator.id:
        raise NotFound()
    return mark


def _answer(session: Session, mark: Mark, answer: str, comment: str, now) -> None:
    changed = session.execute(
        update(Mark)
        .where(Mark.id == mark.id, Mark.status == ATTENDED)
        .values(answer=answer, comment=comment, answered_at=now)
        .returning(Mark.id),
        execution_options={"synchronize_session": False},
    ).scalar_one_or_none()
    if changed is None:
        raise NotAttended()
    session.expire(mark, ["answer", "comment", "answered_at"])


def confirm(session: Session, mark: Mark, mediator, now=None) -> None:
    """The mediator confirms their attended line. Raises NotFound, NotAttended."""
    if mark.mediator_id != mediator.id:
        raise NotFound()
    _answer(session, mark, CONFIRMED, "", now or utcnow())
    audit.record(
        session,
        actor=mediator,
        action="supervision.hours.confirm",
        target=session.get(Slot, mark.slot_id),
    )


def dispute(session: Session, mark: Mark, mediator, comment: str | None, now=None) -> None:
    """The mediator disputes their attended line with `comment` (for the supervisor).
    Raises NotFound, CommentRequired, CommentTooLong, NotAttended."""
    if mark.mediator_id != mediator.id:
        raise NotFound()
    text = markdown_source(comment).strip()
    if not text:
        raise CommentRequired()
    if len(text) > COMMENT_MAX:
        raise CommentTooLong()
    _answer(session, mark, DISPUTED, text, now or utcnow())
    # The comment stays out of the audit trail and the notification: they say only that a
    # line is disputed.
    slot = session.get(Slot, mark.slot_id)
    audit.record(session, actor=mediator, action="supervision.hours.dispute", target=slot)
    tell_supervisor(session, slot, mediator)
