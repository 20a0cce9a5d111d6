"""What the library does when the file gate has extracted a file's text: index it for the
items whose current file it is (their search then finds words inside the document)."""

import logging

from mediator_portal import signals
from mediator_portal.extensions import db
from mediator_portal.library import services

logger = logging.getLogger(__name__)


@signals.file_text_extracted.connect
def index_extracted_text(_sender=None, *, stored_file_id: int, **_extra) -> None:
    if services.index_extracted(db.session, stored_file_id):
        db.session.commit()
