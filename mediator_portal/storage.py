"""The file gate: every uploaded file passes here before anything keeps it.

    stored = storage.store_upload(db.session, form.file.data, user_id=current_user.id,
                                  kinds=frozenset({"pdf", "office"}))
    db.session.commit()                      # the view commits; the file stays
    return storage.send_stored(stored)       # after the view checked who may read it

`store_upload` streams the upload to `UPLOAD_FOLDER/tmp` in chunks (never whole in memory),
hashing and counting as it goes and refusing (413) as soon as the limit is passed; decides
the type by content and requires it to agree with the extension (`file_types.py`); moves
the file to `UPLOAD_FOLDER/<key[:2]>/<key>` under a random key (outside `static/`, never
served directly); adds the `StoredFile` row and flushes. It never commits: if the
transaction rolls back, the file is deleted; a failure before leaves no temporary file.
`purge` deletes the row now and the file once the deletion is committed.
"""

import hashlib
import logging
import os
import secrets
import tempfile
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, scoped_session
from werkzeug.datastructures import FileStorage

from mediator_portal import file_types
from mediator_portal.after_commit import on_commit
from mediator_portal.file_serving import send_stored, send_thumbnail  # noqa: F401 - the API
from mediator_portal.file_types import ALL_KINDS, UploadRefused  # noqa: F401 - the API
from mediator_portal.storage_models import StoredFile

__all__ = [
    "ALL_KINDS",
    "enqueue_processing",
    "StoredFile",
    "UploadRefused",
    "file_path",
    "purge",
    "send_stored",
    "send_thumbnail",
    "store_upload",
    "stored_path",
]

CHUNK = 64 * 1024
NEW_FILES = "storage.new_files"  # (path, transaction) of files written in the open transaction

logger = logging.getLogger(__name__)


class FileTooLarge(UploadRefused):
    status = 413
    message = _l("The file is larger than the limit.")


def upload_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def temp_folder() -> Path:
    return upload_folder() / "tmp"


def file_path(key: str) -> Path:
    """Where the file stored under `key` lives (stored files and thumbnails alike)."""
    if not key or len(key) > 64 or not key.isalnum():
        raise ValueError(f"not a storage key: {key!r}")
    return upload_folder() / key[:2] / key


def stored_path(stored: StoredFile) -> Path:
    """The file of `stored` on disk."""
    return file_path(stored.key)


def new_key() -> str:
    return secrets.token_hex(16)


def _limit(kinds: frozenset[str], max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    config = current_app.config
    return config["UPLOAD_MAX_VIDEO_BYTES" if "video" in kinds else "UPLOAD_MAX_BYTES"]


def _too_large(limit: int) -> FileTooLarge:
    megabytes = max(limit // (1024 * 1024), 1)
    return FileTooLarge(
        _l("The file is larger than %(size)s MB, the limit for this kind of file.", size=megabytes)
    )


def _receive(upload: FileStorage, limit: int) -> tuple[Path, int, str]:
    """Copy the upload to a new temporary file: (its path, size, SHA-256). Raises
    FileTooLarge (and removes the temporary file) as soon as `limit` bytes are passed."""
    folder = temp_folder()
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix="upload-")
    path = Path(name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := upload.stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, size, digest.hexdigest()


def hash_file(path: Path) -> tuple[int, str]:
    """(size, SHA-256) of the file at `path`, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def store_upload(
    session: Session,
    upload: FileStorage,
    *,
    user_id: int | None,
    kinds: frozenset[str] = ALL_KINDS,
    max_bytes: int | None = None,
) -> StoredFile:
    """Check `upload` and keep it: the new `StoredFile`, added and flushed (not committed).

    Raises UploadRefused (400: empty, wrong or unsupported type, with a message saying
    why; 413: larger than `max_bytes`, by default `UPLOAD_MAX_BYTES`, or
    `UPLOAD_MAX_VIDEO_BYTES` for video). Nothing stays on disk after a refusal, and the
    file is deleted if the transaction rolls back.
    """
    name, extension = file_types.name_and_extension(upload.filename or "", kinds)
    limit = _limit(kinds, max_bytes)
    temp, size, sha256 = _receive(upload, limit)
    try:
        checked = file_types.check(temp, extension, kinds, current_app.config)
        if checked.rewritten:
            size, sha256 = hash_file(temp)
        if max_bytes is None and checked.kind != "video":
            limit = current_app.config["UPLOAD_MAX_BYTES"]
        if size > limit:
            raise _too_large(limit)
        key = new_key()
        final = file_path(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    stored = StoredFile(
        key=key,
        original_name=name,
        extension=extension,
        content_type=checked.content_type,
        kind=checked.kind,
        size=size,
        sha256=sha256,
        created_by_id=user_id,
    )
    try:
        session.add(stored)
        session.flush()
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    track_new_file(session, final)
    return stored


def enqueue_processing(stored: StoredFile, *, session: Session | None = None) -> None:
    """Queue the thumbnail (images) and text extraction (PDF, DOCX, ODT, text) of `stored`
    once the current transaction commits (see storage_jobs.py)."""
    from mediator_portal.storage_jobs import enqueue_processing as enqueue

    enqueue(stored, session=session)


def purge(session: Session, stored: StoredFile) -> None:
    """Delete the row of `stored` now and its files (and thumbnail) once that is committed."""
    paths = [stored_path(stored)]
    if stored.thumbnail_key:
        paths.append(file_path(stored.thumbnail_key))
    session.delete(stored)
    session.flush()

    def remove() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    on_commit(remove, session=session)


# Files written in a transaction are deleted if it rolls back (a rolled-back savepoint
# deletes those written inside it); the outermost commit keeps them.


def _real(session) -> Session:
    return session() if isinstance(session, scoped_session) else session


def track_new_file(session: Session, path: Path, transaction: SessionTransaction | None = None):
    """Delete `path` if the current transaction of `session` (or the savepoint inside it)
    rolls back or ends without committing."""
    session = _real(session)
    for name, listener in LISTENERS:
        if not event.contains(session, name, listener):
            event.listen(session, name, listener)
    transaction = transaction or session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(NEW_FILES, []).append((path, transaction))


def _chain(transaction: SessionTransaction | None):
    while transaction is not None:
        yield transaction
        transaction = transaction.parent


def _delete(entries) -> None:
    for path, _ in entries:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            logger.exception("could not delete %s after a rollback", path)


def _committed(session: Session) -> None:
    session.info.pop(NEW_FILES, None)


def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    entries = session.info.get(NEW_FILES)
    if not entries:
        return
    gone = [entry for entry in entries if previous in _chain(entry[1])]
    session.info[NEW_FILES] = [entry for entry in entries if entry not in gone]
    _delete(gone)


def _ended(session: Session, transaction: SessionTransaction) -> None:
    # The outermost transaction ended without committing (closed, or its commit failed).
    if transaction.parent is None and transaction.nested is False:
        _delete(session.info.pop(NEW_FILES, None) or [])


LISTENERS = (
    ("after_commit", _committed),
    ("after_soft_rollback", _rolled_back),
    ("after_transaction_end", _ended),
)
