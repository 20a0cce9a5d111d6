"""Office documents: OOXML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) zips.

Checked before anyone unpacks them: the member count, the total unpacked size and the
compression ratio of each large member are capped (a "zip bomb" renamed .docx is refused),
the right main part must be there, and nothing may carry macros (`vbaProject.bin`, a
macro-enabled content type, ODF `Basic/` or `Scripts/`). The sizes checked are those the
archive declares; Python's zipfile never unpacks a member past its declared size, so later
readers (text extraction) stay within them.
"""

import zipfile
from collections.abc import Mapping
from pathlib import Path

from flask_babel import lazy_gettext as _l

from mediator_portal.file_types import UploadRefused, mismatch

OOXML_MAIN = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
RATIO_FROM_BYTES = 1024 * 1024  # members smaller than this are not held to the ratio
SMALL_MEMBER = 256 * 1024


def check_office(path: Path, head: bytes, extension: str, config: Mapping) -> None:
    """An OOXML or OpenDocument file: a zip within the caps, the right main part, no macros."""
    if not head.startswith(b"PK\x03\x04"):
        raise mismatch(extension, head)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_archive(members, config)
            names = {member.filename for member in members}
            lower = {name.lower() for name in names}
            if any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in lower):
                raise _macros()
            if extension in OOXML_MAIN:
                if OOXML_MAIN[extension] not in names or "[Content_Types].xml" not in names:
                    raise mismatch(extension, head)
                types = _small_member(archive, "[Content_Types].xml")
                if b"macroenabled" in types.lower() or b"vbaproject" in types.lower():
                    raise _macros()
            else:
                if "mimetype" not in names or "content.xml" not in names:
                    raise mismatch(extension, head)
                if _small_member(archive, "mimetype").strip() != ODF_TYPES[extension]:
                    raise mismatch(extension, head)
                if any(name.startswith(("basic/", "scripts/")) for name in lower):
                    raise _macros()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise mismatch(extension, head) from None


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part read for checking: a few hundred bytes in a real document, never more than
    SMALL_MEMBER (a bigger one is not what it claims to be)."""
    if archive.getinfo(name).file_size > SMALL_MEMBER:
        raise zipfile.BadZipFile(f"{name} is too large")
    with archive.open(name) as member:
        return member.read(SMALL_MEMBER)


def _check_archive(members: list[zipfile.ZipInfo], config: Mapping) -> None:
    too_big = UploadRefused(
        _l(
            'This document unpacks to far more than its size (a "zip bomb") '
            "or holds too many parts, so it was refused."
        )
    )
    if len(members) > config["UPLOAD_ZIP_MAX_MEMBERS"]:
        raise too_big
    if sum(member.file_size for member in members) > config["UPLOAD_ZIP_MAX_UNPACKED_BYTES"]:
        raise too_big
    for member in members:
        if member.flag_bits & 0x1:
            raise UploadRefused(_l("Password-protected documents are not accepted."))
        if member.file_size >= RATIO_FROM_BYTES and (
            member.file_size > config["UPLOAD_ZIP_MAX_RATIO"] * max(member.compress_size, 1)
        ):
            raise too_big


def _macros() -> UploadRefused:
    return UploadRefused(
        _l(
            "Office files with macros are not accepted. "
            "Save the document as .docx, .xlsx or .pptx and send it again."
        )
    )
