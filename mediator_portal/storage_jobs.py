"""The file gate's background work: thumbnails, text for search, and sweeping orphans.

* `enqueue_processing(stored)`: once the transaction that stored the file commits, queue
  `make_thumbnail` (images) and `extract_text` (PDF, DOCX, ODT, text and CSV).
* `make_thumbnail(id)`: a WebP of at most 480×480 stored under a key of its own
  (`StoredFile.thumbnail_key`), made once.
* `extract_text(id)`: fills `StoredFile.extracted_text` (at most MAX_TEXT characters) with
  pypdf, python-docx or odfpy, then sends `signals.file_text_extracted` (the library's
  search indexes it). A file that cannot be read is logged and left without text; the job
  does not fail, since running it again would read the same bytes.
* `sweep_orphans()`, hourly: deletes temporary files older than an hour (a request that
  died mid-upload) and stored files with no row older than an hour (a process killed
  between the move and the rollback's clean-up, a thumbnail whose commit failed). When
  most files (and more than 20) look orphaned, the folder and the database do not belong
  together (a misconfigured worker, a restored database): it deletes none and logs an
  error.
"""

import logging
import time
from functools import partial
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from mediator_portal import signals, storage
from mediator_portal.after_commit import on_commit
from mediator_portal.extensions import db
from mediator_portal.file_images import write_thumbnail
from mediator_portal.jobs import QueueUnavailable, job, periodic
from mediator_portal.storage_models import StoredFile

MAX_TEXT = 2_000_000  # characters of extracted text kept per file
MAX_PDF_PAGES = 2000
ORPHAN_AGE = 3600  # seconds
SWEEP_SAFETY_COUNT = 20  # more orphans than this and than half the files: delete none
EXTRACTABLE = {"pdf", "docx", "odt", "txt", "csv"}

logger = logging.getLogger(__name__)


def enqueue_processing(stored: StoredFile, *, session=None) -> None:
    """Queue the thumbnail and text extraction of `stored` (flushed: it has an id) once
    the current transaction commits. A queue that cannot take them is logged, not raised:
    the file is kept, only without thumbnail or searchable text."""
    stored_id, kind, extension = stored.id, stored.kind, stored.extension

    def enqueue() -> None:
        try:
            if kind == "image":
                make_thumbnail.enqueue(stored_id)
            if extension in EXTRACTABLE:
                extract_text.enqueue(stored_id)
        except QueueUnavailable:
            logger.warning("processing of stored file %s not queued", stored_id)

    on_commit(enqueue, session=session)


@job(retries=2, retry_delay=60)
def make_thumbnail(stored_id: int) -> None:
    """Make the thumbnail of image `stored_id` unless it has one (or is gone)."""
    stored = db.session.get(StoredFile, stored_id)
    if stored is None or stored.kind != "image" or stored.thumbnail_key:
        return
    key = storage.new_key()
    target = storage.file_path(key)
    write_thumbnail(
        storage.stored_path(stored),
        target,
        stored.extension,
        current_app.config["UPLOAD_MAX_IMAGE_PIXELS"],
    )
    storage.track_new_file(db.session, target)
    stored.thumbnail_key = key
    db.session.commit()


@job(retries=0)
def extract_text(stored_id: int) -> None:
    """Fill the extracted text of `stored_id` and send `file_text_extracted`."""
    stored = db.session.get(StoredFile, stored_id)
    if stored is None or stored.extension not in EXTRACTABLE:
        return
    try:
        text = read_text(storage.stored_path(stored), stored.extension)
    except Exception:  # noqa: BLE001 - a damaged file is logged, never fatal
        logger.warning("no text could be extracted from stored file %s", stored_id, exc_info=True)
        text = None
    stored.extracted_text = text
    on_commit(partial(signals.file_text_extracted.send, stored_id, stored_file_id=stored_id))
    db.session.commit()


def read_text(path: Path, extension: str) -> str | None:
    """The text of the file at `path`, at most MAX_TEXT characters; None when empty."""
    readers = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _plain, "csv": _plain}
    parts, size = [], 0
    for part in readers[extension](path):
        part = part.replace("\x00", "")
        parts.append(part[: MAX_TEXT - size])
        size += len(parts[-1])
        if size >= MAX_TEXT:
            break
    text = "\n".join(parts).strip()
    return text[:MAX_TEXT] or None


def _pdf(path: Path):
    from pypdf import PdfReader

    reader = PdfReader(path)
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            break
        yield page.extract_text() or ""


def _docx(path: Path):
    from docx import Document

    document = Document(str(path))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)


def _odt(path: Path):
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    blocks = {(TEXTNS, "p"), (TEXTNS, "h")}

    def walk(node):
        for child in node.childNodes:
            if getattr(child, "qname", None) in blocks:
                yield teletype.extractText(child)
            elif child.nodeType == child.ELEMENT_NODE:
                yield from walk(child)

    yield from walk(load(str(path)).text)


def _plain(path: Path):
    with path.open("rb") as source:
        data = source.read(MAX_TEXT * 4)
    yield data.decode("utf-8", errors="ignore").removeprefix("\ufeff")


@periodic(minute="17")
def sweep_orphans() -> int:
    """Delete temporary and unreferenced stored files older than ORPHAN_AGE; how many."""
    folder = storage.upload_folder()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - ORPHAN_AGE
    removed = 0
    for path in _old_files(storage.temp_folder(), cutoff):
        path.unlink(missing_ok=True)
        removed += 1
    candidates: dict[str, Path] = {}
    for directory in folder.iterdir():
        if directory.is_dir() and len(directory.name) == 2 and directory.name != "tmp":
            candidates.update((path.name, path) for path in _old_files(directory, cutoff))
    orphans = _unreferenced(list(candidates))
    if len(orphans) > max(SWEEP_SAFETY_COUNT, len(candidates) // 2):
        # Most stored files unknown to the database: a worker pointed at another
        # deployment's folder, or a restored database. Delete nothing; tell the admin.
        logger.error(
            "sweep_orphans: %s of %s stored files in %s have no row; none deleted. Check "
            "that UPLOAD_FOLDER and DATABASE_URL belong to the same deployment.",
            len(orphans),
            len(candidates),
            folder,
        )
        return removed
    for name in orphans:
        candidates[name].unlink(missing_ok=True)
        removed += 1
    if removed:
        logger.info("swept %s orphaned upload files", removed)
    return removed


def _unreferenced(names: list[str]) -> list[str]:
    """Those of `names` that are neither a stored file's key nor a thumbnail's."""
    orphans = []
    for start in range(0, len(names), 500):
        batch = names[start : start + 500]
        kept = set(
            db.session.scalars(select(StoredFile.key).where(StoredFile.key.in_(batch)))
        ) | set(
            db.session.scalars(
                select(StoredFile.thumbnail_key).where(StoredFile.thumbnail_key.in_(batch))
            )
        )
        orphans.extend(name for name in batch if name not in kept)
    db.session.rollback()
    return orphans


def _old_files(directory: Path, cutoff: float):
    if not directory.is_dir():
        return
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                yield path
        except FileNotFoundError:
            continue
