"""Attendance and hours: the supervisor's mark for each booked mediator of a slot that has
started (one row per slot and mediator, written by an upsert), the mediator's answer to an
attended line (confirmed, or disputed with a comment), and the periods administrators define
with an hours target each."""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision.models.slots import Slot

ATTENDED, NO_SHOW, MARKED_LATE = "attended", "no_show", "cancelled_late"
MARKS = (ATTENDED, NO_SHOW, MARKED_LATE)
PENDING, CONFIRMED, DISPUTED = "pending", "confirmed", "disputed"
ANSWERS = (PENDING, CONFIRMED, DISPUTED)
COMMENT_MAX, PERIOD_NAME_MAX, TARGET_MAX = 1000, 120, 2000


class Mark(db.Model):
    """A booked mediator's attendance of a slot, as its supervisor marked it; `answer` is the
    mediator's (pending until they confirm or dispute an attended line; a changed mark asks
    again)."""

    __tablename__ = "supervision_marks"
    __table_args__ = (
        UniqueConstraint("slot_id", "mediator_id"),
        CheckConstraint("status IN ('attended', 'no_show', 'cancelled_late')", name="known_mark"),
        CheckConstraint("answer IN ('pending', 'confirmed', 'disputed')", name="known_answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("supervision_slots.id", ondelete="CASCADE"))
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str] = mapped_column(String(12), default=PENDING)
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None]

    slot: Mapped[Slot] = relationship()
    mediator: Mapped[User] = relationship(foreign_keys=[mediator_id])


class Period(db.Model):
    """A span of days (Athens, both included) with the supervision hours each mediator is
    expected to reach in it."""

    __tablename__ = "supervision_periods"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("target_hours >= 0", name="target_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(PERIOD_NAME_MAX))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    target_hours: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
