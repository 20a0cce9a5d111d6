"""Accent- and case-insensitive search keys, so that "Αθηνα" finds "Αθήνα"."""

import functools
import re
import threading
import unicodedata

import snowballstemmer


def fold(text: str | None) -> str:
    """Return `text` without diacritics, case-folded, with runs of white space collapsed.

    Final sigma folds to sigma, so "ΟΔΟΣ", "οδός" and "οδος" give the same key.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = decomposed if decomposed.isascii() else decomposed.translate(_combining_marks())
    return " ".join(bare.casefold().split())


@functools.cache
def _combining_marks() -> dict[int, None]:
    """`str.translate`'s table deleting every combining mark (twice as fast as a loop)."""
    return {code: None for code in range(0x110000) if unicodedata.combining(chr(code))}


def like_pattern(query: str) -> str:
    """A LIKE pattern matching the folded `query` anywhere, with wildcards escaped (escape '\\')."""
    folded = fold(query)
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --- index terms, for the full-text index (fulltext.py) -----------------------------------
#
# A term is a run of letters and digits of the folded text ("_" and punctuation separate
# terms, as SQLite's unicode61 tokenizer does), then stemmed: Greek words by the Snowball
# Greek stemmer, Latin-letter words by the English one, anything else (numbers, other
# scripts) as it is. Stems REPLACE the words (one term per word, never both): positions,
# counts and ranking stay true, the index is half the size, and "μετανάστευσης" finds
# "Μετανάστευση" (both "μεταναστευσ"). The price: exact word forms are not told apart.

_TERM = re.compile(r"[^\W_]+")
MAX_TERM_LENGTH = 64  # longer runs (hashes, glued garbage) are not words: not indexed
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_stemmers = {
    "greek": snowballstemmer.stemmer("greek"),
    "english": snowballstemmer.stemmer("english"),
}
_stem_lock = threading.Lock()  # a Snowball stemmer keeps state while it works


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one folded word (see above); the word itself when no stemmer applies."""
    if _GREEK.match(word):
        language = "greek"
    elif word.isascii() and word.isalpha():
        language = "english"
    else:
        return word
    with _stem_lock:
        stemmed = _stemmers[language].stemWord(word)
    return stemmed or word


def folded_words(text: str | None) -> list[str]:
    """The folded words of `text`, unstemmed (what `search_terms` stems)."""
    if not text:
        return []
    return [word for word in _TERM.findall(fold(text)) if len(word) <= MAX_TERM_LENGTH]


def search_terms(text: str | None, *, stemmed: bool = True) -> list[str]:
    """The index terms of `text`, in order: folded words, stemmed unless `stemmed=False`.

    Accents, case and final sigma never matter: "Μετανάστευση", "μεταναστευση",
    "ΜΕΤΑΝΑΣΤΕΥΣΗ" and "μετανάστευσης" all give ["μεταναστευσ"].
    """
    words = folded_words(text)
    return [stem(word) for word in words] if stemmed else words
