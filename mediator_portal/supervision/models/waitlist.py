"""The waitlist of full group slots. A mediator waits ("waiting"); when a seat frees it is
offered to one of them ("offered", until `expires_at`); the offer is accepted ("booked"),
passes on when it expires ("expired"), or the mediator leaves the list ("left").

The database keeps one live entry (waiting or offered) per slot and mediator (a partial
unique index)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision.models.slots import Slot

WAITING, OFFERED, ACCEPTED, EXPIRED, LEFT = "waiting", "offered", "booked", "expired", "left"
ENTRY_STATUSES = (WAITING, OFFERED, ACCEPTED, EXPIRED, LEFT)
ON_LIST = text("status IN ('waiting', 'offered')")


class WaitlistEntry(db.Model):
    """A mediator on a full group slot's waitlist, and what became of their place."""

    __tablename__ = "supervision_waitlist"
    __table_args__ = (
        Index(
            "uq_supervision_waitlist_live",
            "slot_id",
            "mediator_id",
            unique=True,
            sqlite_where=ON_LIST,
            postgresql_where=ON_LIST,
        ),
        Index("ix_supervision_waitlist_status_expires", "status", "expires_at"),
        Index("ix_supervision_waitlist_mediator_status", "mediator_id", "status"),
        CheckConstraint(
            "status IN ('waiting', 'offered', 'booked', 'expired', 'left')", name="known_status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_slots.id", ondelete="CASCADE"), index=True
    )
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12), default=WAITING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    offered_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]

    slot: Mapped[Slot] = relationship()
