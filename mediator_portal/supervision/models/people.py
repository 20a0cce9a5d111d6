"""Who supervises whom: assignments of mediators to supervisors (with history) and
supervision groups. A mediator has at most one current supervisor (a partial unique index)."""

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision.models.slots import NAME_MAX

CURRENT = text("ended_at IS NULL")


class Assignment(db.Model):
    """A mediator supervised by a supervisor from `started_at` until `ended_at` (None: now).
    Moving a mediator ends the current row and starts another: the history stays."""

    __tablename__ = "supervision_assignments"
    __table_args__ = (
        Index(
            "uq_supervision_assignments_current",
            "mediator_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    supervisor_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    mediator: Mapped[User] = relationship(foreign_keys=[mediator_id])
    supervisor: Mapped[User] = relationship(foreign_keys=[supervisor_id])


class Group(db.Model):
    """A supervision group a supervisor formed from their own supervisees."""

    __tablename__ = "supervision_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list["GroupMember"]] = relationship(
        cascade="all, delete-orphan", order_by="GroupMember.mediator_id"
    )


class GroupMember(db.Model):
    """A mediator in a supervision group."""

    __tablename__ = "supervision_group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_groups.id", ondelete="CASCADE"), primary_key=True
    )
    mediator_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
