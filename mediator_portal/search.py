"""Accent- and case-insensitive search keys, so that "Αθηνα" finds "Αθήνα"."""

import unicodedata


def fold(text: str | None) -> str:
    """Return `text` without diacritics, case-folded, with runs of white space collapsed.

    Final sigma folds to sigma, so "ΟΔΟΣ", "οδός" and "οδος" give the same key.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def like_pattern(query: str) -> str:
    """A LIKE pattern matching the folded `query` anywhere, with wildcards escaped (escape '\\')."""
    folded = fold(query)
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
