"""The personal calendar feeds: one secret address per person.

The address's token is kept twice, neither time readable from the database alone: its
SHA-256 (`token_hash`, what a fetch is looked up by) and the token encrypted with the notes
key (`token`, so that the settings page can show the address again). A leaked database or
backup gives no feed.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.crypto import EncryptedText
from mediator_portal.database import utcnow
from mediator_portal.extensions import db


class CalendarFeed(db.Model):
    """A person's feed: the hash of its token (unique), the token encrypted, when made."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Loaded only by the settings page: a fetch never decrypts anything.
    token: Mapped[str] = mapped_column(EncryptedText(), deferred=True, deferred_raiseload=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
