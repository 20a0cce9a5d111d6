"""The upload gate: good files are kept with their size and SHA-256; the hostile set is
refused with a clear message, leaving nothing on disk or in the database."""

import hashlib
import io
import zipfile

import pytest
from flask_babel import force_locale
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from mediator_portal import storage
from mediator_portal.extensions import db
from mediator_portal.storage import StoredFile, UploadRefused
from tests.core.storage_files import (
    ELF,
    HTML,
    SVG,
    bomb_png,
    docx_bytes,
    files_in,
    jpeg_with_gps,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    with_member,
    zip_bomb_docx,
)
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("uploads")


def store(data: bytes, name: str, **options) -> StoredFile:
    return storage.store_upload(db.session, upload(data, name), user_id=None, **options)


def rows() -> int:
    return db.session.scalar(select(func.count(StoredFile.id)))


def refused(data: bytes, name: str, uploads, **options) -> UploadRefused:
    """Store `data` as `name`, expecting a refusal; nothing may be left anywhere."""
    with pytest.raises(UploadRefused) as caught, force_locale("en"):
        store(data, name, **options)
    db.session.rollback()
    assert files_in(uploads) == []
    assert rows() == 0
    return caught.value


GOOD = [
    (pdf_bytes(), "έγγραφο.pdf", "pdf", "application/pdf"),
    (docx_bytes(), "οδηγός.docx", "office", None),
    (odt_bytes(), "γλωσσάριο.odt", "office", "application/vnd.oasis.opendocument.text"),
    ("Καλημέρα, κόσμε\n".encode(), "σημειώσεις.txt", "text", "text/plain; charset=utf-8"),
    (b"name,city\n\xce\x91,\xce\x92\n", "list.csv", "text", "text/csv; charset=utf-8"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\0" * 64, "talk.mp3", "audio", "audio/mpeg"),
    (b"OggS\x00\x02" + b"\0" * 64, "talk.ogg", "audio", "audio/ogg"),
    (b"\0\0\0\x18ftypM4A \0\0\0\0M4A isom" + b"\0" * 64, "talk.m4a", "audio", "audio/mp4"),
    (b"\0\0\0\x18ftypisom\0\0\0\0isommp41" + b"\0" * 64, "meeting.mp4", "video", "video/mp4"),
    (b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm" + b"\0" * 64, "clip.webm", "video", "video/webm"),
]


@pytest.mark.parametrize(("data", "name", "kind", "content_type"), GOOD)
def test_accepted_files_are_kept_under_a_random_key(
    app_ctx, uploads, data, name, kind, content_type
):
    user = make_user("trainer")
    db.session.flush()
    stored = storage.store_upload(db.session, upload(data, name), user_id=user.id)
    db.session.commit()
    assert (stored.kind, stored.original_name, stored.created_by_id) == (kind, name, user.id)
    assert stored.extension == name.rsplit(".", 1)[1]
    if content_type:
        assert stored.content_type == content_type
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    path = storage.stored_path(stored)
    assert path == uploads / stored.key[:2] / stored.key
    assert path.read_bytes() == data
    assert files_in(uploads) == [f"{stored.key[:2]}/{stored.key}"]
    assert name not in str(path) and len(stored.key) == 32


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (HTML, "report.pdf", "web page"),
        (SVG, "drawing.png", "not a .png"),
        (SVG, "drawing.svg", "SVG"),
        (HTML, "page.html", "Web pages"),
        (HTML, "notes.txt", "web page"),
        (b"#!/bin/sh\nrm -rf ~\n", "run.txt", "script"),
        (b"#!/bin/sh\n", "run.sh", "scripts"),
        (ELF, "tool.pdf", "program"),
        (b"MZ\x90\x00" + b"\0" * 60, "setup.exe", "programs"),
        (png_bytes(), "photo.pdf", "not a .pdf"),  # the extension lies
        (pdf_bytes(), "photo.jpg", "not a .jpg"),
        (b"", "empty.pdf", "empty"),
        (b"\xff\xfea\x00b\x00", "utf16.txt", "UTF-8"),
        (b"a\x00b", "nul.txt", "binary"),
        (b"caf\xe9\n", "latin1.csv", "UTF-8"),
        (b"plain", "noextension", "no extension"),
        (b"PK\x03\x04 not really a zip", "broken.docx", "not a .docx"),
        (docx_bytes(), "renamed.odt", "not a .odt"),
        (odt_bytes(), "renamed.xlsx", "not a .xlsx"),
        (b"OggS" + b"\0" * 32, "video.mp4", "not a .mp4"),
        (b"data", "archive.zip", "not accepted"),
        (with_member(docx_bytes(), "word/vbaProject.bin", b"\xd0\xcf\x11\xe0"), "m.docm", "macros"),
        (with_member(docx_bytes(), "word/vbaProject.bin", b"\xd0\xcf\x11\xe0"), "x.docx", "macros"),
        (with_member(odt_bytes(), "Basic/Standard/Module1.xml", b"<x/>"), "x.odt", "macros"),
        (zip_bomb_docx(), "bomb.docx", "zip bomb"),
        (bomb_png(), "bomb.png", "too many pixels"),
        (png_bytes()[:40], "truncated.png", "damaged"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value else "",
)
def test_the_hostile_set_is_refused_and_leaves_nothing(app_ctx, uploads, data, name, says):
    error = refused(data, name, uploads)
    with force_locale("en"):
        assert says.lower() in str(error.message).lower()
    assert error.status == 400


def test_the_refusals_are_translated(app_ctx, uploads):
    error = refused(HTML, "report.pdf", uploads)
    with force_locale("el"):
        assert "ιστοσελίδα" in str(error.message) and ".pdf" in str(error.message)
    error = refused(b"", "empty.txt", uploads)
    with force_locale("el"):
        assert str(error.message) == "Το αρχείο είναι κενό."


def test_a_zip_unpacking_past_the_cap_is_refused(app_ctx, uploads, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_ZIP_MAX_UNPACKED_BYTES", 10_000)
    refused(with_member(docx_bytes(), "word/media/big.bin", b"x" * 20_000), "big.docx", uploads)
    monkeypatch.setitem(app_ctx.config, "UPLOAD_ZIP_MAX_MEMBERS", 5)
    refused(docx_bytes(), "parts.docx", uploads)


def test_only_the_kinds_asked_for_are_accepted(app_ctx, uploads):
    error = refused(b"hello", "notes.txt", uploads, kinds=frozenset({"pdf", "image"}))
    assert "PDF, JPEG, PNG, WebP" in str(error.message)
    assert store(png_bytes(), "ok.png", kinds=frozenset({"image"})).kind == "image"


def test_too_large_is_413_as_soon_as_the_limit_is_passed(app_ctx, uploads, monkeypatch):
    class Endless(io.RawIOBase):
        read_bytes = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"a" * len(buffer)
            Endless.read_bytes += len(buffer)
            return len(buffer)

    from werkzeug.datastructures import FileStorage

    endless = FileStorage(stream=io.BufferedReader(Endless()), filename="endless.txt")
    with pytest.raises(UploadRefused) as caught:
        storage.store_upload(db.session, endless, user_id=None, max_bytes=1_000_000)
    assert caught.value.status == 413
    assert Endless.read_bytes < 1_200_000
    assert files_in(uploads) == []
    monkeypatch.setitem(app_ctx.config, "UPLOAD_MAX_BYTES", 100)
    error = refused(b"a" * 101, "a.txt", uploads)
    assert error.status == 413 and "MB" in str(error.message)


def test_video_has_its_own_larger_limit(app_ctx, uploads, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_MAX_BYTES", 100)
    monkeypatch.setitem(app_ctx.config, "UPLOAD_MAX_VIDEO_BYTES", 1000)
    video = b"\0\0\0\x18ftypisom\0\0\0\0isommp41" + b"\0" * 500
    assert store(video, "v.mp4").size == len(video)
    refused(b"ID3" + b"\0" * 500, "a.mp3", uploads)  # audio is held to 100 bytes


def test_a_jpeg_loses_its_gps_exif_and_is_turned_upright(app_ctx, uploads):
    data = jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(0x8825)  # the GPS position is there
    stored = store(data, "φωτογραφία.jpg")
    db.session.commit()
    kept = storage.stored_path(stored).read_bytes()
    with Image.open(io.BytesIO(kept)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert image.size == (24, 32)  # orientation 6 applied, then dropped
    assert stored.size == len(kept)
    assert stored.sha256 == hashlib.sha256(kept).hexdigest()


@pytest.mark.parametrize("extension", ["png", "webp"])
def test_png_and_webp_are_reencoded(app_ctx, uploads, extension):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    Image.new("RGBA", (10, 10), (1, 2, 3, 128)).save(out, format=extension, exif=exif)
    stored = store(out.getvalue(), f"p.{extension}")
    with Image.open(storage.stored_path(stored)) as image:
        assert image.size == (10, 10) and dict(image.getexif()) == {}


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\win.ini.txt", "win.ini.txt"),
        ("report\x00.exe.txt", "report.exe.txt"),
        ("invoice\u202etxt.exe.txt", "invoicetxt.exe.txt"),
        ("\u2066hidden\u2069 name\u200b.txt", "hidden name.txt"),
        ("tab\tand\nnewline.txt", "tab and newline.txt"),
        ("Έντυπο αίτησης ασύλου.TXT", "Έντυπο αίτησης ασύλου.TXT"),
        ("../.txt", "file.txt"),
    ],
)
def test_names_are_cleaned_and_greek_is_kept(app_ctx, uploads, name, shown):
    stored = store(b"text", name)
    assert stored.original_name == shown
    assert stored.extension == "txt"
    assert storage.stored_path(stored).parent.parent == uploads


def test_a_300_character_name_is_cut_to_255_keeping_its_extension(app_ctx, uploads):
    stored = store(b"text", "α" * 300 + ".txt")
    assert len(stored.original_name) == 255
    assert stored.original_name.endswith("α.txt")
    db.session.commit()  # fits the column on PostgreSQL too


def test_a_rollback_deletes_the_file(app_ctx, uploads):
    store(b"one", "one.txt")
    assert len(files_in(uploads)) == 1
    db.session.rollback()
    assert files_in(uploads) == []
    assert rows() == 0


def test_a_rolled_back_savepoint_deletes_only_its_own_files(app_ctx, uploads):
    kept = store(b"kept", "kept.txt")
    savepoint = db.session.begin_nested()
    store(b"dropped", "dropped.txt")
    savepoint.rollback()
    db.session.commit()
    assert files_in(uploads) == [f"{kept.key[:2]}/{kept.key}"]


@pytest.mark.logs_errors
def test_a_failing_commit_after_the_file_was_written_leaves_no_file(app_ctx, uploads):
    store(b"written", "written.txt")
    assert len(files_in(uploads)) == 1
    # A second row with an id already used: the commit's flush fails.
    db.session.add(
        StoredFile(
            id=db.session.scalar(select(func.max(StoredFile.id))),
            key="b" * 32,
            original_name="x.txt",
            extension="txt",
            content_type="text/plain",
            kind="text",
            size=1,
            sha256="0" * 64,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert files_in(uploads) == []
    assert rows() == 0


def test_a_closed_session_without_commit_leaves_no_file(app_ctx, uploads):
    store(b"abandoned", "abandoned.txt")
    db.session.remove()
    assert files_in(uploads) == []


def test_purge_deletes_the_row_now_and_the_file_after_the_commit(app_ctx, uploads):
    stored = store(b"to purge", "p.txt")
    db.session.commit()
    path = storage.stored_path(stored)
    storage.purge(db.session, stored)
    assert path.exists() and rows() == 0
    db.session.rollback()
    assert path.exists() and rows() == 1  # not purged after all
    storage.purge(db.session, db.session.get(StoredFile, stored.id))
    db.session.commit()
    assert not path.exists() and rows() == 0


def test_a_huge_content_types_part_is_not_read(app_ctx, uploads):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types>" + " " * 300_000 + "</Types>")
        archive.writestr("word/document.xml", "<w:document/>")
    error = refused(out.getvalue(), "odd.docx", uploads)
    with force_locale("en"):
        assert "not a .docx" in str(error.message)


def test_xlsx_and_pptx_need_their_own_main_part(app_ctx, uploads):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert store(out.getvalue(), "βιβλίο.xlsx").kind == "office"
    refused(out.getvalue(), "slides.pptx", uploads)


def test_a_large_upload_is_streamed_not_held_in_memory(app_ctx, uploads, tmp_path):
    import tracemalloc

    from werkzeug.datastructures import FileStorage

    source = tmp_path / "big.txt"
    with source.open("wb") as out:
        for _ in range(8):
            out.write(b"0123456789abcdef\n" * 61_681)  # ~1 MB of text a time
    with source.open("rb") as stream:
        tracemalloc.start()
        try:
            stored = storage.store_upload(
                db.session, FileStorage(stream=stream, filename="big.txt"), user_id=None
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert stored.size == source.stat().st_size > 8_000_000
    assert peak < 2_000_000  # chunks of 64 KB, never the whole 8 MB
