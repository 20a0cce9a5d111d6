"""What a file is, decided by its content and required to agree with its extension.

Step 1 skeleton: names and extensions; the per-type content checks follow.
"""

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError

ALL_KINDS = frozenset({"pdf", "office", "image", "audio", "video", "text"})

# extension -> (kind, content type)
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


class UploadRefused(PortalError):
    """The file was not accepted: the message says why (400), or it is too large (413)."""

    status = 400
    message = _l("This file cannot be accepted.")


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str
    rewritten: bool = False  # the file was re-encoded in place (images)


def clean_name(name: str) -> str:
    """The file name to show: no path, no control or bidi characters, at most 255 long."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf"})
    return name.strip(" .")[:255]


def name_and_extension(name: str, kinds: frozenset[str]) -> tuple[str, str]:
    name = clean_name(name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS or EXTENSIONS[extension][0] not in kinds:
        raise UploadRefused(_l("Files of this type are not accepted here."))
    return name, extension


def check(path: Path, extension: str, kinds: frozenset[str], config: Mapping) -> Checked:
    kind, content_type = EXTENSIONS[extension]
    if path.stat().st_size == 0:
        raise UploadRefused(_l("The file is empty."))
    return Checked(kind, content_type)
