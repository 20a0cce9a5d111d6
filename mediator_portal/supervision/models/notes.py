"""A supervisor's notes on one booked mediator of one session (slot), and who read them.

`action_points` are shared with the mediator; `private` is the supervisor's alone (its
author's). Both are `EncryptedText`: the database holds Fernet tokens, never the text, and
the search index never receives them. Every page that shows a note adds a `NoteRead`
(reader, note, when); the mediator sees who read the notes about them.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.crypto import EncryptedText
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision.models.slots import Slot

NOTE_MAX = 10_000


class Note(db.Model):
    """The notes of `author` (the slot's supervisor) on `mediator` for `slot`: one row per
    slot and mediator; editing replaces the texts (last text wins) and sets `edited_at`."""

    __tablename__ = "supervision_notes"
    __table_args__ = (
        UniqueConstraint("slot_id", "mediator_id", name="uq_supervision_notes_slot_mediator"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("supervision_slots.id", ondelete="CASCADE"))
    mediator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    action_points: Mapped[str | None] = mapped_column(EncryptedText())
    private: Mapped[str | None] = mapped_column(EncryptedText(), deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]

    slot: Mapped[Slot] = relationship()
    mediator: Mapped[User] = relationship(foreign_keys=[mediator_id])
    author: Mapped[User] = relationship(foreign_keys=[author_id])


class NoteRead(db.Model):
    """One page view that showed `note` to `reader`."""

    __tablename__ = "supervision_note_reads"
    __table_args__ = (Index("ix_supervision_note_reads_note_at", "note_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("supervision_notes.id", ondelete="CASCADE"))
    reader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    read_at: Mapped[datetime] = mapped_column(default=utcnow)

    note: Mapped[Note] = relationship()
    reader: Mapped[User | None] = relationship()
