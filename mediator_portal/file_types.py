"""What a file is: decided by its content and required to agree with its extension.

Accepted (the extension names the type, the content must be that type):
PDF; DOCX/XLSX/PPTX and ODT/ODS/ODP (zip archives: member count, unpacked size and
compression ratio capped, the right main part present, no macros); JPEG/PNG/WebP (pixel
count capped before decoding, then re-encoded so EXIF/GPS and other metadata are gone);
MP3/M4A/OGG audio; MP4/WebM video; plain text and CSV (UTF-8, no NUL, not a web page).
Everything else is refused with a message saying why: HTML, SVG, scripts, programs, office
files with macros, empty files, unknown types.
"""

import codecs
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError
from mediator_portal.file_images import reencode_image
from mediator_portal.file_names import clean_name, split_extension

ALL_KINDS = frozenset({"pdf", "office", "image", "audio", "video", "text"})

# extension -> (kind, content type served)
EXTENSIONS = {
    "pdf": ("pdf", "application/pdf"),
    "docx": ("office", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (
        "office",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": ("office", "application/vnd.oasis.opendocument.text"),
    "ods": ("office", "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": ("office", "application/vnd.oasis.opendocument.presentation"),
    "jpg": ("image", "image/jpeg"),
    "jpeg": ("image", "image/jpeg"),
    "png": ("image", "image/png"),
    "webp": ("image", "image/webp"),
    "mp3": ("audio", "audio/mpeg"),
    "m4a": ("audio", "audio/mp4"),
    "ogg": ("audio", "audio/ogg"),
    "mp4": ("video", "video/mp4"),
    "webm": ("video", "video/webm"),
    "txt": ("text", "text/plain; charset=utf-8"),
    "csv": ("text", "text/csv; charset=utf-8"),
}
KIND_NAMES = {
    "pdf": "PDF",
    "office": "DOCX, XLSX, PPTX, ODT, ODS, ODP",
    "image": "JPEG, PNG, WebP",
    "audio": "MP3, M4A, OGG",
    "video": "MP4, WebM",
    "text": "TXT, CSV",
}
MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "ppam"}
ACTIVE_EXTENSIONS = {
    # Pages and images a browser runs, scripts and programs.
    *("html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "hta"),
    *("js", "mjs", "vbs", "vbe", "wsf", "ps1", "psm1", "sh", "bash", "bat", "cmd", "py"),
    *("php", "pl", "rb", "jar", "exe", "dll", "msi", "com", "scr", "pif", "cpl", "apk"),
    *("app", "dmg", "deb", "rpm", "elf", "bin", "lnk", "reg", "swf"),
}
# Content that is never a document, whatever its extension says.
ACTIVE_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<svg", b"<?xml", b"<script", b"#!")
PROGRAMS = {"exe", "elf", "dmg", "deb", "rpm", "crx", "wasm", "swf", "ar"}
HEAD_BYTES = 8192


class UploadRefused(PortalError):
    """The file was not accepted: the message says why (400), or it is too large (413)."""

    status = 400
    message = _l("This file cannot be accepted.")


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str
    rewritten: bool = False  # the file was re-encoded in place (images)


def accepted(kinds: frozenset[str]) -> str:
    return ", ".join(KIND_NAMES[kind] for kind in sorted(kinds, key=list(KIND_NAMES).index))


def name_and_extension(name: str, kinds: frozenset[str]) -> tuple[str, str]:
    """The cleaned name and lower-case extension of an upload called `name`; raises
    UploadRefused when the extension is not one of `kinds`' (checked before any byte is
    read)."""
    name = clean_name(name)
    extension = split_extension(name)[1]
    if not extension:
        raise UploadRefused(
            _l("The file's name has no extension (such as .pdf), so its type cannot be checked.")
        )
    if extension in MACRO_EXTENSIONS:
        raise UploadRefused(
            _l(
                "Office files with macros are not accepted. "
                "Save the document as .docx, .xlsx or .pptx and send it again."
            )
        )
    if extension in ACTIVE_EXTENSIONS:
        raise UploadRefused(
            _l(
                "Web pages, SVG images, scripts and programs are not accepted. Accepted: %(list)s.",
                list=accepted(kinds),
            )
        )
    if extension not in EXTENSIONS or EXTENSIONS[extension][0] not in kinds:
        raise UploadRefused(
            _l(
                "Files of type .%(extension)s are not accepted here. Accepted: %(list)s.",
                extension=extension,
                list=accepted(kinds),
            )
        )
    return name, extension


def mismatch(extension: str, head: bytes = b"") -> UploadRefused:
    """The refusal of a file whose content is not what its extension says."""
    guess = filetype.guess(head) if head else None
    if _active(head) or (guess is not None and guess.extension in PROGRAMS):
        return UploadRefused(
            _l(
                "This file is a web page, an SVG image, a script or a program, "
                "not a .%(extension)s file. Such files are not accepted.",
                extension=extension,
            )
        )
    return UploadRefused(
        _l(
            "The file's content is not a .%(extension)s file: its name says one type and its "
            "content another. Save it again in its real format and send it.",
            extension=extension,
        )
    )


def _active(head: bytes) -> bool:
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()[:64].lower()
    return start.startswith(ACTIVE_STARTS)


def check(path: Path, extension: str, kinds: frozenset[str], config: Mapping) -> Checked:
    """Check the file at `path` (named `.extension`) by its content; images are re-encoded
    in place. Raises UploadRefused saying why it is refused."""
    kind, content_type = EXTENSIONS[extension]
    with path.open("rb") as source:
        head = source.read(HEAD_BYTES)
    if not head:
        raise UploadRefused(_l("The file is empty."))
    if kind == "text":
        check_text(path, head, extension)
    elif kind == "pdf":
        if not head.startswith(b"%PDF-"):
            raise mismatch(extension, head)
    elif kind == "office":
        from mediator_portal.file_office import check_office  # it uses this module's errors

        check_office(path, head, extension, config)
    elif kind == "image":
        reencode_image(path, head, extension, config)
        return Checked(kind, content_type, rewritten=True)
    elif not MEDIA[extension](head):
        raise mismatch(extension, head)
    return Checked(kind, content_type)


def check_text(path: Path, head: bytes, extension: str) -> None:
    """Plain text: valid UTF-8 throughout, no NUL, and not a web page or script."""
    if _active(head):
        raise mismatch(extension, head)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UploadRefused(
            _l("This text file is not in UTF-8. Save it as UTF-8 text and send it again.")
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as source:
            while chunk := source.read(64 * 1024):
                if b"\x00" in chunk:
                    raise UploadRefused(_l("This text file contains binary data (NUL bytes)."))
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UploadRefused(
            _l("This text file is not in UTF-8. Save it as UTF-8 text and send it again.")
        ) from None


def _ftyp_brands(head: bytes) -> set[str]:
    """The major and compatible brands of an ISO media file's `ftyp` box (MP4, M4A)."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return set()
    length = min(int.from_bytes(head[0:4], "big"), len(head))
    return {
        head[i : i + 4].decode("latin-1") for i in [8, *range(16, length - 3, 4)] if i + 4 <= length
    }


def _mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits, then layer III.
    return len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06 == 0x02


AUDIO_BRANDS = {"M4A ", "M4B ", "mp42", "mp41", "isom", "iso2", "dash"}
VIDEO_BRANDS = {"isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V "}
MEDIA = {
    "mp3": _mp3,
    "m4a": lambda head: bool(_ftyp_brands(head) & AUDIO_BRANDS),
    "ogg": lambda head: head.startswith(b"OggS"),
    "mp4": lambda head: bool(_ftyp_brands(head) & VIDEO_BRANDS),
    "webm": lambda head: head.startswith(b"\x1a\x45\xdf\xa3") and b"\x42\x82\x84webm" in head,
}
