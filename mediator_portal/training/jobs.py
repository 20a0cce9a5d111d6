"""Training's background jobs: proposals covered once their session is over."""

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.jobs import periodic
from mediator_portal.training import services


def cover_now() -> int:
    """Mark covered the proposals of every session that has ended; how many."""
    covered = services.cover_ended(db.session, utcnow())
    db.session.commit()
    return len(covered)


@periodic(minute="*/15")
def cover_ended_sessions() -> int:
    """Every quarter of an hour: the proposals of sessions just over become covered."""
    return cover_now()
