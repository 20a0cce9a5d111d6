"""Exactly-once sending: a row per message sent, claimed under a unique key.

A job that sends something (an invitation, a digest, a reminder) names it with a key that
is the same every time the same thing would be sent ("invitation:<user>:<invited at>",
"digest:<user>:<date>") and sends it through `send_once`. The key is inserted into a
unique column before the message leaves and committed right after: a second worker
waits on the first one's insert and then finds the key taken; a retry after a failure
later in the job, or the same job enqueued twice, finds it taken too. A failed send
rolls the claim back, so the retry sends.
"""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from mediator_portal.database import utcnow
from mediator_portal.extensions import db

KEY_LENGTH = 200


class SentMessage(db.Model):
    """Something sent once: its key and when."""

    __tablename__ = "sent_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), unique=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


def claim(session: Session, key: str) -> bool:
    """Insert `key` in the open transaction; False (and the transaction rolled back) when
    it is already there: sent, or being sent by a transaction that has just committed it.
    No savepoint: SQLite's driver would commit on releasing one.

    Raises ValueError for a key longer than KEY_LENGTH.
    """
    if not key or len(key) > KEY_LENGTH:
        raise ValueError(f"a sent-message key has 1 to {KEY_LENGTH} characters: {key!r}")
    session.add(SentMessage(key=key))
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return False
    return True


def send_once(session: Session, key: str, send: Callable[[], object]) -> bool:
    """Run `send()` unless `key` was sent already; True when it ran. Commits.

    The work so far is committed first (so the claim is the first statement of its own
    transaction), then the key is claimed, `send()` runs and the claim is committed. An
    exception from `send()` rolls the claim back and is raised again (the job is retried).
    """
    session.commit()
    if not claim(session, key):
        return False
    try:
        send()
    except BaseException:
        session.rollback()
        raise
    session.commit()
    return True


def was_sent(session: Session, key: str) -> bool:
    """True when `key` has been sent."""
    return session.scalar(select(SentMessage.id).where(SentMessage.key == key)) is not None
