"""The file gate's jobs: text extraction (Greek kept), thumbnails, queuing after the commit,
and the hourly sweep of orphaned files."""

import io
import os
import time

import pytest
from PIL import Image

from mediator_portal import signals, storage, storage_jobs
from mediator_portal.extensions import db
from mediator_portal.storage import StoredFile
from tests.core.storage_files import (
    GREEK,
    docx_bytes,
    files_in,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.usefixtures("uploads")


def store(data: bytes, name: str) -> StoredFile:
    stored = storage.store_upload(db.session, upload(data, name), user_id=None)
    db.session.commit()
    return stored


@pytest.fixture
def extracted():
    """The ids `file_text_extracted` was sent for, as (sender, keywords)."""
    heard = []

    def receiver(sender, **payload):
        heard.append((sender, payload))

    signals.file_text_extracted.connect(receiver)
    yield heard
    signals.file_text_extracted.disconnect(receiver)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (pdf_bytes(), "έγγραφο.pdf"),
        (docx_bytes(), "οδηγός.docx"),
        (odt_bytes(), "γλωσσάριο.odt"),
        (f"\ufeff{GREEK}\n".encode(), "σημειώσεις.txt"),
        (f"a,b\n{GREEK},2\n".encode(), "πίνακας.csv"),
    ],
)
def test_text_is_extracted_and_the_signal_sent(app_ctx, extracted, data, name):
    stored = store(data, name)
    storage_jobs.extract_text(stored.id)
    db.session.expire_all()
    text = db.session.get(StoredFile, stored.id).extracted_text
    assert GREEK in text
    assert extracted == [(stored.id, {"stored_file_id": stored.id})]


def test_a_docx_table_and_an_odt_heading_are_read_too(app_ctx):
    from docx import Document
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = Document()
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = "Κελί πίνακα"
    out = io.BytesIO()
    document.save(out)
    assert "Κελί πίνακα" in storage_jobs.read_text(
        storage.stored_path(store(out.getvalue(), "t.docx")), "docx"
    )
    odt = OpenDocumentText()
    odt.text.addElement(H(outlinelevel=1, text="Επικεφαλίδα"))
    odt.text.addElement(P(text="Κείμενο"))
    out = io.BytesIO()
    odt.write(out)
    text = storage_jobs.read_text(storage.stored_path(store(out.getvalue(), "h.odt")), "odt")
    assert text.split("\n") == ["Επικεφαλίδα", "Κείμενο"]


def test_extracted_text_is_bounded(app_ctx, monkeypatch):
    monkeypatch.setattr(storage_jobs, "MAX_TEXT", 1000)
    stored = store(("λέξη " * 1000).encode(), "long.txt")
    storage_jobs.extract_text(stored.id)
    assert len(db.session.get(StoredFile, stored.id).extracted_text) <= 1000


def test_a_damaged_pdf_is_logged_and_left_without_text(app_ctx, extracted, caplog):
    stored = store(b"%PDF-1.7\n" + b"\x00garbage" * 50, "broken.pdf")
    storage_jobs.extract_text(stored.id)  # does not raise
    assert db.session.get(StoredFile, stored.id).extracted_text is None
    assert "no text could be extracted" in caplog.text
    assert extracted == [(stored.id, {"stored_file_id": stored.id})]


def test_other_kinds_and_missing_rows_are_skipped(app_ctx, extracted):
    stored = store(png_bytes(), "p.png")
    storage_jobs.extract_text(stored.id)
    storage_jobs.extract_text(999_999)
    storage_jobs.make_thumbnail(999_999)
    assert extracted == []


def test_a_thumbnail_is_made_once_and_purged_with_its_file(app_ctx, uploads):
    stored = store(png_bytes((1200, 600)), "big.png")
    storage_jobs.make_thumbnail(stored.id)
    db.session.expire_all()
    stored = db.session.get(StoredFile, stored.id)
    key = stored.thumbnail_key
    with Image.open(storage.file_path(key)) as thumbnail:
        assert thumbnail.format == "WEBP" and thumbnail.size == (480, 240)
    storage_jobs.make_thumbnail(stored.id)  # again: nothing new
    assert db.session.get(StoredFile, stored.id).thumbnail_key == key
    assert len(files_in(uploads)) == 2
    storage.purge(db.session, stored)
    db.session.commit()
    assert files_in(uploads) == []


def test_processing_is_queued_after_the_commit_only(app_ctx, monkeypatch):
    queued = []
    monkeypatch.setattr(
        storage_jobs.make_thumbnail, "enqueue", lambda i: queued.append(("thumb", i))
    )
    monkeypatch.setattr(storage_jobs.extract_text, "enqueue", lambda i: queued.append(("text", i)))
    image = storage.store_upload(db.session, upload(png_bytes(), "a.png"), user_id=None)
    pdf = storage.store_upload(db.session, upload(pdf_bytes(), "a.pdf"), user_id=None)
    storage.enqueue_processing(image)
    storage.enqueue_processing(pdf)
    assert queued == []
    db.session.commit()
    assert queued == [("thumb", image.id), ("text", pdf.id)]
    dropped = storage.store_upload(db.session, upload(pdf_bytes(), "b.pdf"), user_id=None)
    storage.enqueue_processing(dropped)
    db.session.rollback()
    db.session.commit()
    assert len(queued) == 2


def test_the_worker_runs_both_jobs(app_ctx, worker):
    image = storage.store_upload(db.session, upload(png_bytes(), "a.png"), user_id=None)
    pdf = storage.store_upload(db.session, upload(pdf_bytes(), "a.pdf"), user_id=None)
    storage.enqueue_processing(image)
    storage.enqueue_processing(pdf)
    db.session.commit()
    worker.drain()
    db.session.expire_all()
    assert db.session.get(StoredFile, image.id).thumbnail_key
    assert GREEK in db.session.get(StoredFile, pdf.id).extracted_text


def _age(path, seconds=2 * 3600):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_sweep_deletes_old_orphans_only(app_ctx, uploads):
    kept = store(png_bytes(), "kept.png")
    storage_jobs.make_thumbnail(kept.id)
    db.session.expire_all()
    kept = db.session.get(StoredFile, kept.id)
    kept_files = {storage.stored_path(kept), storage.file_path(kept.thumbnail_key)}
    old_orphan = storage.file_path(storage.new_key())
    new_orphan = storage.file_path(storage.new_key())
    old_temp = uploads / "tmp" / "upload-old"
    new_temp = uploads / "tmp" / "upload-new"
    for path in (old_orphan, new_orphan, old_temp, new_temp):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    for path in (*kept_files, old_orphan, old_temp):
        _age(path)
    assert storage_jobs.sweep_orphans() == 2
    assert not old_orphan.exists() and not old_temp.exists()
    assert all(path.exists() for path in (*kept_files, new_orphan, new_temp))


def test_the_sweep_of_an_empty_or_missing_folder(app_ctx, uploads):
    assert storage_jobs.sweep_orphans() == 0
    uploads.mkdir()
    assert storage_jobs.sweep_orphans() == 0


def test_tests_and_their_workers_never_sweep_the_checkouts_uploads(app):
    from config import ROOT, get_config
    from tests.jobs_support import worker_environment

    checkout = str(ROOT / "uploads")
    assert get_config("testing", {})["UPLOAD_FOLDER"] != checkout
    assert get_config("development", {})["UPLOAD_FOLDER"] == checkout
    assert worker_environment(app, ROOT / "q.db")["UPLOAD_FOLDER"] == app.config["UPLOAD_FOLDER"]


@pytest.mark.logs_errors
def test_the_sweep_deletes_nothing_when_most_files_are_unknown(app_ctx, uploads, caplog):
    kept = store(b"known", "known.txt")
    _age(storage.stored_path(kept))
    strangers = [storage.file_path(storage.new_key()) for _ in range(25)]
    for path in strangers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        _age(path)
    assert storage_jobs.sweep_orphans() == 0
    assert all(path.exists() for path in strangers)
    assert "none deleted" in caplog.text
