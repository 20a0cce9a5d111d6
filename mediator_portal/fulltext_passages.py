"""The passage shown under a search result: the window of the original text holding the
most of the query's terms, HTML-escaped, the matched words in <mark> as they are written
(accents and case kept: the matching is done on each word's index term)."""

import functools
import re
import unicodedata
from collections import deque

from markupsafe import Markup, escape

from mediator_portal.search import fold, search_terms

_MARKS = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks
# A word as written: letters and digits, with any combining marks (decomposed accents).
_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")
ELLIPSIS = "…"
CHUNK_CHARS = 20_000  # the text is searched this much at a time, until a passage has it all
# Letters written with several accents (Vietnamese, polytonic Greek): looked for only in
# texts that hold some (most texts have none: each form looked for costs a pass).
_RARE_FORMS = re.compile("[\u1e00-\u1fff]")


@functools.cache
def _written_as() -> dict[str, tuple[str, ...]]:
    """For each folded character, the lower-case characters folding to it
    ("σ": σ and ς, "α": α, ά, ἀ, ἁ, ...), itself first."""
    forms: dict[str, list[str]] = {}
    for code in range(0x20, 0x3000):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and char == char.lower():
            forms.setdefault(folded, [folded])
            if char != folded:
                forms[folded].append(char)
    return {key: tuple(chars) for key, chars in forms.items()}


def _class(char: str) -> str:
    forms = _written_as().get(char, (char,))
    return re.escape(char) if len(forms) == 1 else "[" + "".join(map(re.escape, forms)) + "]"


class PassageQuery:
    """The query's terms, and regexes finding, in the lower-cased text as written, the words
    that may match them (then checked one by one, each written word once)."""

    def __init__(self, whole: list[str], last: list[tuple[str, bool]]):
        self.whole, self.last = set(whole), last
        self.wanted = len(self.whole) + (1 if last else 0)
        self._cache: dict[str, str | None] = {}
        # A stem's last letter may differ from the word's ("happi" for "happy").
        terms = [*whole, *(term for term, _prefix in last)]
        starts = {term[:-1] if len(term) > 3 else term for term in terms}
        # The regex engine finds a pattern quickly when it starts with a plain character
        # (a class first, as "[αά...]", is 6 to 50 times slower): one pattern for each way
        # the first letter may be written, tried only when the text holds that letter.
        self.patterns = [
            (first, "".join(f"[{_MARKS}]*{_class(char)}" for char in start[1:]))
            for start in starts
            for first in _written_as().get(start[0], (start[0],))
        ]

    def term(self, word: str) -> str | None:
        """The query term a written word matches; None when it matches none."""
        if word not in self._cache:
            self._cache[word] = self._match(word)
        return self._cache[word]

    def _match(self, word: str) -> str | None:
        for term in search_terms(word):
            if term in self.whole:
                return term
            if any(
                term.startswith(alternative) if prefix else term == alternative
                for alternative, prefix in self.last
            ):
                return "\x00last"
        return None

    def matches(self, text: str):
        """(start, end, term) of each matching word of `text` (NFC), in order: a piece of
        the text at a time, so that a caller satisfied early reads no further."""
        start = 0
        while start < len(text):
            end = text.find(" ", start + CHUNK_CHARS)
            end = len(text) if end == -1 else end
            yield from self._matches(text, start, end)
            start = end

    def _matches(self, text: str, offset: int, end: int) -> list[tuple[int, int, str]]:
        piece = text[offset:end]
        lower = piece.lower()
        if len(lower) != len(piece):  # "İ" lower-cases to two characters: offsets would move
            lower = "".join(char.lower()[:1] for char in piece)
        rare = _RARE_FORMS.search(lower) is not None
        starts = sorted(
            {
                found.start()
                for first, rest in self.patterns
                if (rare or first < "\u1e00") and first in lower
                for found in re.finditer(re.escape(first) + rest, lower)
                if found.start() == 0 or not _WORD.match(lower, found.start() - 1)
            }
        )
        matches = []
        for start in starts:
            word = _WORD.match(text, offset + start)
            term = self.term(word.group()) if word else None
            if term is not None:
                matches.append((word.start(), word.end(), term))
        return matches


def _best_window(text: str, query: PassageQuery, width: int):
    """(score, start, end, spans) of the best window of `text`; spans are the marked words.
    Stops at the first window holding every term wanted."""
    best = (0, 0, 0, [])
    window: deque = deque()  # the matches within `width` characters of the last one
    for match in query.matches(text):
        window.append(match)
        while window[-1][1] - window[0][0] > width:
            window.popleft()
        score = (len({term for _start, _end, term in window}), len(window))
        if not best[0] or score > best[0]:
            best = (score, window[0][0], window[-1][1], list(window))
            if score[0] >= query.wanted:
                break
    return best


def _snap(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Widen the matches' [start, end) to about `width` characters, centred, cut at spaces
    (never inside the matches)."""
    spare = max(0, width - (end - start))
    left = max(0, start - spare // 2)
    right = min(len(text), end + spare - spare // 2)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


def _render(text: str, start: int, end: int, spans, more: bool = False) -> Markup:
    pieces = [ELLIPSIS if start > 0 else ""]
    position = start
    for span_start, span_end, _term in spans:
        if span_start < position or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        position = span_end
    pieces.append(escape(text[position:end]))
    pieces.append(ELLIPSIS if end < len(text) or more else "")
    return Markup("").join(pieces)


def best_passage(
    texts: list[tuple[str, bool]], query: PassageQuery, width: int
) -> tuple[Markup, bool]:
    """The best passage among `texts` (the original bodies and titles of an object's parts,
    bodies first, each with whether it goes on beyond what is given), and whether it holds
    every term; the opening of the first non-empty text when no word matches."""
    width = max(20, width)
    best, best_text, best_more = None, "", False
    texts = [(unicodedata.normalize("NFC", text), more) for text, more in texts if text]
    for text, more in texts:
        candidate = _best_window(text, query, width)
        if candidate[0] and (best is None or candidate[0] > best[0]):
            best, best_text, best_more = candidate, text, more
            if candidate[0][0] >= query.wanted:
                break
    if best is None:
        opening, more = texts[0] if texts else ("", False)
        _start, end = _snap(opening, 0, 0, width)
        return _render(opening, 0, end, [], more), False
    score, start, end, spans = best
    start, end = _snap(best_text, start, end, width)
    return _render(best_text, start, end, spans, best_more), score[0] >= query.wanted
