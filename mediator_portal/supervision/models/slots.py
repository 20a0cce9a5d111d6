"""Slots a supervisor publishes (one-off or a weekly series) and the mediators' bookings.

The database keeps the rules a page could race past: a slot's `booked_count` never passes
its `capacity` (CHECK), an individual slot holds one seat (CHECK), a mediator holds at most
one live booking of a slot (a partial unique index). `sequence` is the slot's iCalendar
SEQUENCE."""

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db

if TYPE_CHECKING:
    from mediator_portal.supervision.models.people import Group

INDIVIDUAL, GROUP = "individual", "group"
KINDS = (INDIVIDUAL, GROUP)
ACTIVE, CANCELLED = "active", "cancelled"
# A booking: live ("booked"), cancelled in time, cancelled after the deadline ("late"), or
# ended because the supervisor cancelled the slot.
BOOKED, CANCELLED_BY_MEDIATOR, CANCELLED_LATE, SLOT_CANCELLED = (
    "booked",
    "cancelled",
    "cancelled_late",
    "slot_cancelled",
)
BOOKING_STATUSES = (BOOKED, CANCELLED_BY_MEDIATOR, CANCELLED_LATE, SLOT_CANCELLED)
NAME_MAX, PLACE_MAX, URL_MAX, REASON_MAX = 120, 200, 500, 500
LIVE = text("status = 'booked'")


class Series(db.Model):
    """A weekly series as it was asked for: its Athens wall-clock start, the first and last
    days; its slots are rows of `supervision_slots` (cancelled one by one or from a day)."""

    __tablename__ = "supervision_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    local_start: Mapped[time] = mapped_column(Time)
    first_day: Mapped[date] = mapped_column(Date)
    until_day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Slot(db.Model):
    """A time a supervisor offers: individual (one seat) or group (`capacity` seats, for one
    of their groups or, without a group, all their supervisees); online (a link shown to
    those booked from 30 minutes before) or in person (a place). Stored in UTC."""

    __tablename__ = "supervision_slots"
    __table_args__ = (
        CheckConstraint("booked_count >= 0 AND booked_count <= capacity", name="within_capacity"),
        CheckConstraint("kind <> 'individual' OR capacity = 1", name="individual_one_seat"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_supervision_slots_supervisor_starts", "supervisor_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_series.id", ondelete="SET NULL"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_groups.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(12))
    capacity: Mapped[int] = mapped_column(Integer)
    booked_count: Mapped[int] = mapped_column(Integer, default=0)
    online: Mapped[bool] = mapped_column(Boolean, default=True)
    meeting_url: Mapped[str | None] = mapped_column(String(URL_MAX))
    place: Mapped[str | None] = mapped_column(String(PLACE_MAX))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(12), default=ACTIVE)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None]
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    group: Mapped["Group | None"] = relationship()
    bookings: Mapped[list["Booking"]] = relationship(order_by="Booking.id", viewonly=True)

    @property
    def seats_free(self) -> int:
        return max(self.capacity - self.booked_count, 0)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Booking(db.Model):
    """A mediator's seat in a slot. One live ("booked") row per slot and mediator; a
    cancellation keeps the row with its status and time (late ones count as such)."""

    __tablename__ = "supervision_bookings"
    __table_args__ = (
        Index(
            "uq_supervision_bookings_live",
            "slot_id",
            "mediator_id",
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        Index("ix_supervision_bookings_mediator_status", "mediator_id", "status"),
        CheckConstraint(
            "status IN ('booked', 'cancelled', 'cancelled_late', 'slot_cancelled')",
            name="known_status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_slots.id", ondelete="CASCADE"), index=True
    )
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default=BOOKED)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]

    slot: Mapped[Slot] = relationship()
    mediator: Mapped[User] = relationship()
