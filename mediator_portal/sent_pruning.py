"""Pruning `sent_messages`: each night at 03:30 Athens time the worker deletes the rows
older than `SENT_MESSAGES_KEEP_DAYS` (90 by default). A key only has to outlive the retries
and the duplicates of its own job (minutes, at most hours); what must be remembered for
longer is kept by its feature (a digest's `digest_sent`, an invitation's `invited_at`)."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.jobs import periodic
from mediator_portal.sent_once import SentMessage


def prune_sent_messages(keep_days: int) -> int:
    """Delete the rows of `sent_messages` older than `keep_days` days (at least one) and
    commit; how many were deleted."""
    cutoff = utcnow() - timedelta(days=max(keep_days, 1))
    deleted = db.session.execute(delete(SentMessage).where(SentMessage.sent_at < cutoff)).rowcount
    db.session.commit()
    return deleted


@periodic(hour="3", minute="30")
def nightly_prune() -> int:
    """03:30 Athens: prune `sent_messages` as configured."""
    return prune_sent_messages(current_app.config["SENT_MESSAGES_KEEP_DAYS"])
