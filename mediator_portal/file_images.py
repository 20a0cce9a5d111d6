"""Images through Pillow: checked before decoding, re-encoded without metadata, thumbnails.

The pixel count is read from the header and capped (`UPLOAD_MAX_IMAGE_PIXELS`) before any
pixel is decoded, so a small file that would unpack to gigabytes (a decompression bomb) is
refused cheaply; Pillow's own bomb check stays on as a second guard. The image is then
turned upright by its EXIF orientation and saved again in its own format with no EXIF,
XMP or text chunks: the GPS position a phone writes into a photo does not survive.
Animated images keep their first frame.
"""

import os
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path

import filetype
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
THUMBNAIL_SIZE = (480, 480)
UNREADABLE = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
)


def _refused(message):
    from mediator_portal.file_types import UploadRefused

    return UploadRefused(message)


def _too_many_pixels(max_pixels: int):
    return _refused(
        _l(
            "This image has too many pixels. Send a smaller image (at most %(megapixels)s "
            "megapixels).",
            megapixels=max_pixels // 1_000_000,
        )
    )


def open_checked(path: Path, extension: str, max_pixels: int) -> Image.Image:
    """The image at `path`, decoded, once its format and pixel count are checked."""
    from mediator_portal.file_types import mismatch

    try:
        image = Image.open(path, formats=[FORMATS[extension]])
    except Image.DecompressionBombError:  # Pillow's own guard, at twice its limit
        raise _too_many_pixels(max_pixels) from None
    except UNREADABLE:
        with path.open("rb") as source:
            head = source.read(8192)
        guess = filetype.guess(head)
        if guess is not None and FORMATS.get(guess.extension) == FORMATS[extension]:
            raise _refused(_l("This image is damaged or cannot be read.")) from None
        raise mismatch(extension, head) from None
    try:
        width, height = image.size
        if width * height > max_pixels:
            raise _too_many_pixels(max_pixels)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except UNREADABLE:
        image.close()
        raise _refused(_l("This image is damaged or cannot be read.")) from None
    except BaseException:
        image.close()
        raise
    return image


def reencode_image(path: Path, head: bytes, extension: str, config: Mapping) -> None:
    """Replace the image at `path` by a copy without metadata, upright (see the module)."""
    image = open_checked(path, extension, config["UPLOAD_MAX_IMAGE_PIXELS"])
    try:
        image = ImageOps.exif_transpose(image) or image
        _save(image, path, FORMATS[extension])
    finally:
        image.close()


def _save(image: Image.Image, path: Path, format_name: str) -> None:
    """Write `image` over `path` (through a temporary file beside it) without metadata."""
    options: dict = {"exif": b""}
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    if format_name == "JPEG":
        if image.mode not in {"RGB", "L", "CMYK"}:
            image = image.convert("RGB")
        options.update(quality=90)
    elif format_name == "PNG":
        if "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
        options.update(optimize=False)
    elif format_name == "WEBP":
        options.update(quality=90)
    image.info = {}
    handle, name = tempfile.mkstemp(dir=path.parent, prefix="image-")
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(out, format=format_name, **options)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def write_thumbnail(source: Path, target: Path, extension: str, max_pixels: int) -> None:
    """A WebP of at most THUMBNAIL_SIZE made from the image at `source`, written to `target`."""
    image = open_checked(source, extension, max_pixels)
    try:
        thumbnail = ImageOps.exif_transpose(image) or image
        thumbnail.thumbnail(THUMBNAIL_SIZE)
        if thumbnail.mode not in {"RGB", "RGBA", "L", "LA"}:
            thumbnail = thumbnail.convert("RGBA")
        thumbnail.info = {}
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix="thumb-")
        try:
            with os.fdopen(handle, "wb") as out:
                thumbnail.save(out, format="WEBP", quality=80)
            os.replace(name, target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    finally:
        image.close()
