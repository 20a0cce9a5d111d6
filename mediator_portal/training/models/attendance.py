"""Attendance of training sessions: one row per person per session (present, absent or
excused), marked by a trainer or an administrator once the session has started."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.i18n import N_

PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"
ATTENDANCE_STATUSES = (PRESENT, ABSENT, EXCUSED)
ATTENDANCE_LABELS = {PRESENT: N_("Present"), ABSENT: N_("Absent"), EXCUSED: N_("Excused")}


class Attendance(db.Model):
    """Whether `user` attended `session` (`status`), who marked it and when."""

    __tablename__ = "training_attendance"
    __table_args__ = (
        CheckConstraint("status IN ('present', 'absent', 'excused')", name="known_status"),
        Index("ix_training_attendance_user_status", "user_id", "status"),
    )

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(10))
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
