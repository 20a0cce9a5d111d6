"""The library in the core search index (`mediator_portal.fulltext`).

Each item has up to two documents of kind "library_item": "meta" (title, description, tags)
and "file" (the text extracted from its current file, once the extraction job is done).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal import fulltext, storage
from mediator_portal.library.models import LibraryItem, LibraryVersion

KIND = "library_item"
META = "meta"
FILE_PART = "file"


def index_item(session: Session, item: LibraryItem) -> None:
    """(Re)index the item's title, description and tags."""
    tags = " ".join(tag.name for tag in item.tags)
    body = "\n".join(part for part in (item.description, tags) if part)
    fulltext.index_document(session, KIND, item.id, title=item.title, body=body, part=META)


def index_file(session: Session, item: LibraryItem, stored) -> None:
    """Index the text of `stored`, the item's current file: now if it is already extracted,
    else when the extraction job says so (receivers.py); an earlier file's text goes."""
    if stored.extracted_text:
        fulltext.index_document(
            session, KIND, item.id, title=item.title, body=stored.extracted_text, part=FILE_PART
        )
    else:
        fulltext.remove_documents(session, KIND, item.id, part=FILE_PART)


def index_extracted(session: Session, stored_file_id: int) -> int:
    """Index the text just extracted from stored file `stored_file_id` for the items whose
    current file it is; returns how many were indexed."""
    rows = session.execute(
        select(LibraryItem, LibraryVersion)
        .join(LibraryVersion, LibraryVersion.id == LibraryItem.current_version_id)
        .where(LibraryVersion.stored_file_id == stored_file_id)
    ).all()
    if not rows:
        return 0
    stored = session.get(storage.StoredFile, stored_file_id)
    for item, _version in rows:
        index_file(session, item, stored)
    return len(rows)


def remove_item(session: Session, item_id: int) -> None:
    """Take every document of the item out of the index."""
    fulltext.remove_documents(session, KIND, item_id)
