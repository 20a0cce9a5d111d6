"""Training sessions, online (a link) or in person (a place), stored in UTC, and the
members' answers to them (RSVP, with a waitlist when a session is full)."""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import Municipality
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.training.models.proposals import TITLE_MAX

GOING, WAITLISTED, MAYBE, NOT_GOING = "going", "waitlisted", "maybe", "not_going"
RSVP_ANSWERS = (GOING, MAYBE, NOT_GOING)  # what a member answers; "waitlisted" is given
URL_MAX = 500


class TrainingSession(db.Model):
    """A training meeting, online (a link) or in person (a place), stored in UTC. With a
    `capacity`, `going_count` never passes it (a CHECK constraint); `waitlist_seq` numbers
    the waitlist in the order people asked."""

    __tablename__ = "training_sessions"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR going_count <= capacity", name="within_capacity"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    online: Mapped[bool] = mapped_column(Boolean, default=True)
    meeting_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    place: Mapped[str | None] = mapped_column(String(TITLE_MAX))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    capacity: Mapped[int | None] = mapped_column(Integer)
    going_count: Mapped[int] = mapped_column(Integer, default=0)
    waitlist_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The calendar revision (RFC 5545 SEQUENCE): +1 each time the time or place changes.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Cancelled: kept (people see it and why, calendars show it cancelled), not deleted.
    cancelled_at: Mapped[datetime | None] = mapped_column()
    cancel_reason: Mapped[str | None] = mapped_column(Text)

    municipality: Mapped[Municipality | None] = relationship()


class Rsvp(db.Model):
    """One member's answer to one session; `position` orders the waitlist."""

    __tablename__ = "training_rsvps"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id", name="uq_training_rsvps"),
        Index("ix_training_rsvps_waitlist", "session_id", "answer", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(12))
    position: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
