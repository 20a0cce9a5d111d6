"""The material of training sessions: library items linked to the session they came from
(the item itself lives in the library, in its "Training meetings" section)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.database import utcnow
from mediator_portal.extensions import db


class SessionMaterial(db.Model):
    """Library item `library_item_id` is material of training session `session_id`, added
    by `added_by` at `added_at`."""

    __tablename__ = "training_session_material"
    __table_args__ = (Index("ix_training_session_material_item", "library_item_id"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    library_item_id: Mapped[int] = mapped_column(
        ForeignKey("library_items.id", ondelete="CASCADE"), primary_key=True
    )
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
