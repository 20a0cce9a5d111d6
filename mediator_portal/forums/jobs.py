"""The board's background work: purging pending attachments nobody posted.

A file the composer uploaded but whose post was never sent stays *pending* (no post); once
it is older than a day (`services.attachments.PENDING_MAX_AGE`) it is deleted with its file.
"""

import logging

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.jobs import periodic

logger = logging.getLogger(__name__)


@periodic(minute="47")
def purge_pending_attachments() -> int:
    """Every hour: delete pending attachments older than a day; how many."""
    removed = services.purge_pending(db.session, now=utcnow())
    db.session.commit()
    if removed:
        logger.info("purged %s pending attachments", removed)
    return removed
