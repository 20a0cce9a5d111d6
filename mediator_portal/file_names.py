"""File names shown to people: Greek kept, nothing that could pass for a path or hide text.

`clean_name` takes the last part of a path (after `/` or `\\`), drops NUL and other
control characters, bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069,
which can make "exe.pdf" read as "fdp.exe") and other invisible format characters, and
trims the name to 255 characters keeping its extension. Stored files are named by a random
key; the clean name is only shown and offered as the download name (RFC 6266).
"""

import unicodedata

MAX_LENGTH = 255
MAX_EXTENSION = 10
DROPPED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean_name(name: str, *, fallback: str = "file") -> str:
    """`name` safe to show and to offer for download (see the module's text)."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(" " if c.isspace() else c for c in name)
    name = "".join(c for c in name if unicodedata.category(c) not in DROPPED)
    name = " ".join(name.split()).rstrip(" .")
    stem, extension = split_extension(name)
    extension = name[len(name) - len(extension) :] if extension else ""  # its own case
    stem = stem.strip(" .")
    if not stem:
        stem = fallback
    suffix = f".{extension}" if extension else ""
    return stem[: MAX_LENGTH - len(suffix)].rstrip(" .") + suffix


def split_extension(name: str) -> tuple[str, str]:
    """(stem, lower-case extension without the dot); no extension when the part after the
    last dot is missing, too long or not letters and digits."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension or len(extension) > MAX_EXTENSION or not extension.isalnum():
        return name, ""
    if not extension.isascii():
        return name, ""
    return stem, extension.lower()


# Greek to Latin letters (ELOT 743, simplified) for the ASCII fallback name of a download.
LATIN = "a b g d e z i th i k l m n x o p r s t y f ch ps o".split()  # noqa: SIM905
GREEK_TO_LATIN = {
    **{greek: latin for greek, latin in zip("αβγδεζηθικλμνξοπρστυφχψω", LATIN, strict=True)},
    **{
        greek: latin.capitalize()
        for greek, latin in zip("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", LATIN, strict=True)
    },
    "ς": "s",
    "—": "-",
    "–": "-",
}
DIGRAPHS = {"ου": "ou", "Ου": "Ou", "ΟΥ": "OU", "οΥ": "oU"}


def ascii_name(name: str) -> str:
    """An ASCII stand-in for `name` (the RFC 6266 `filename` fallback beside `filename*`):
    Greek transliterated, accents dropped, anything else not ASCII as `_`."""
    plain = unicodedata.normalize("NFKD", name)
    plain = unicodedata.normalize("NFC", "".join(c for c in plain if not unicodedata.combining(c)))
    for greek, latin in DIGRAPHS.items():
        plain = plain.replace(greek, latin)
    plain = "".join(GREEK_TO_LATIN.get(c, c) for c in plain)
    plain = "".join(c if c.isascii() and c.isprintable() else "_" for c in plain)
    stem, dot, extension = plain.rpartition(".")
    if not dot or not split_extension(plain)[1]:
        stem, dot, extension = plain, "", ""
    return (stem.strip(" ._") or "file") + dot + extension
