"""What changed between two versions of a post, word by word (the edit history page).

The Markdown source the author typed is compared, not the HTML: the result is a list of
plain-text segments that the template escapes like any text, so no user HTML is ever put
together here. Whitespace is kept as its own tokens so the text reads as it was written.
"""

import re
from difflib import SequenceMatcher
from typing import NamedTuple

# Words (letters of any script, digits), runs of whitespace, or one other character each.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
MAX_TOKENS = 20000  # a longer pair is shown as one deletion and one insertion


class Segment(NamedTuple):
    kind: str  # "same", "inserted" or "deleted"
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments turning `old` into `new`: unchanged, deleted and inserted words."""
    a, b = _tokens(old), _tokens(new)
    if len(a) + len(b) > MAX_TOKENS:
        return _merge([Segment("deleted", old or ""), Segment("inserted", new or "")])
    segments = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("deleted", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("inserted", "".join(b[j1:j2])))
    return _merge(segments)


def version_changes(bodies: list[str]) -> list[list[Segment] | None]:
    """For versions `bodies` (oldest first), what each changed from the one before it
    (None for the first)."""
    return [None] + [word_diff(old, new) for old, new in zip(bodies, bodies[1:], strict=False)]
