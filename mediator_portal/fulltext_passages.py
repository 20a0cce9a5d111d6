"""The passage shown under a search result: the window of the original text holding the
most of the query's terms, HTML-escaped, the matched words in <mark> as they are written
(accents and case kept: the matching is done on each word's index term)."""

import re
from collections import deque

from markupsafe import Markup, escape

from mediator_portal.search import search_terms

# A word as written: letters and digits, with any combining marks (decomposed accents).
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])*")
ELLIPSIS = "…"


class _Matcher:
    """Which query term a written word matches, if any (cached per word as written)."""

    def __init__(self, whole: set[str], last: list[str]):
        self.whole, self.last, self.cache = whole, last, {}

    def __call__(self, word: str) -> str | None:
        if word not in self.cache:
            self.cache[word] = self._term(word)
        return self.cache[word]

    def _term(self, word: str) -> str | None:
        for term in search_terms(word):
            if term in self.whole:
                return term
            for alternative in self.last:
                if term.startswith(alternative):
                    return "\x00last"
        return None


def _best_window(text: str, match, wanted: int, width: int):
    """(score, start, end, spans) of the best window of `text`; spans are the marked words.
    Stops at the first window holding every term wanted."""
    best = (0, 0, 0, [])
    window: deque = deque()  # (start, end, term) of the matches within `width` of the last
    for found in _WORD.finditer(text):
        term = match(found.group())
        if term is None:
            continue
        window.append((found.start(), found.end(), term))
        while window[-1][1] - window[0][0] > width:
            window.popleft()
        score = (len({t for _s, _e, t in window}), len(window))
        if not best[0] or score > best[0]:
            best = (score, window[0][0], window[-1][1], list(window))
            if score[0] >= wanted:
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


def _render(text: str, start: int, end: int, spans) -> Markup:
    pieces = [ELLIPSIS if start > 0 else ""]
    position = start
    for span_start, span_end, _term in spans:
        if span_start < position or span_end > end:
            continue
        pieces.append(escape(text[position:span_start]))
        pieces.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        position = span_end
    pieces.append(escape(text[position:end]))
    pieces.append(ELLIPSIS if end < len(text) else "")
    return Markup("").join(pieces)


def best_passage(texts: list[str], whole: set[str], last: list[str], width: int) -> Markup:
    """The best passage among `texts` (the original bodies and titles of an object's parts,
    bodies first); the opening of the first non-empty one when no word matches."""
    width = max(20, width)
    match = _Matcher(whole, last)
    wanted = len(whole) + (1 if last else 0)
    best, best_text = None, None
    for text in texts:
        if not text:
            continue
        candidate = _best_window(text, match, wanted, width)
        if candidate[0] and (best is None or candidate[0] > best[0]):
            best, best_text = candidate, text
            if candidate[0][0] >= wanted:
                break
    if best is None:
        opening = next((text for text in texts if text), "")
        start, end = _snap(opening, 0, 0, width)
        return _render(opening, 0, end, [])
    _score, start, end, spans = best
    start, end = _snap(best_text, start, end, width)
    return _render(best_text, start, end, spans)
