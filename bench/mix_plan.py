"""The realistic mix's pure parts: what a member does next, and how the results add up.

No I/O here (tests/bench/test_mix_plan.py checks these functions): bench/mix_member.py
makes the requests, bench/mix.py reads the database and prints.
"""

import math
import random
from dataclasses import dataclass

READS = ("index", "category", "topic", "big_topic", "home", "unread")
DEFAULT_READS = "index=15,category=20,topic=45,big_topic=5,home=10,unread=5"
KINDS = ("read", "reply", "reaction", "sign-in")


def parse_weights(text: str, names: tuple = READS) -> dict[str, float]:
    """`"a=1,b=2"` as {name: weight}; raises ValueError on an unknown name, a negative
    weight or weights that add up to nothing. Names not given weigh 0."""
    weights = dict.fromkeys(names, 0.0)
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or name not in weights:
            raise ValueError(f"expected one of {', '.join(names)} as NAME=WEIGHT, got {item!r}")
        weights[name] = float(value)
        if weights[name] < 0:
            raise ValueError(f"negative weight in {item!r}")
    if sum(weights.values()) <= 0:
        raise ValueError("the weights add up to nothing")
    return weights


@dataclass(frozen=True)
class Plan:
    """Percentages of actions that are replies, reactions and sign-ins (the rest are reads),
    the weights of the kinds of read, and the mean think time between actions (seconds)."""

    reply: float
    reaction: float
    sign_in: float
    reads: dict
    think: float = 0.0

    def __post_init__(self):
        shares = (self.reply, self.reaction, self.sign_in)
        if min(shares) < 0 or sum(shares) > 100:
            raise ValueError("the write and sign-in percentages must be >= 0 and add up to <= 100")

    def action(self, rnd: random.Random) -> str:
        """The next action: "read", "reply", "reaction" or "sign-in"."""
        draw = rnd.random() * 100
        for kind, share in (("reply", self.reply), ("reaction", self.reaction)):
            if draw < share:
                return kind
            draw -= share
        return "sign-in" if draw < self.sign_in else "read"

    def read(self, rnd: random.Random) -> str:
        """Which page a read is (one of READS), by the weights."""
        return rnd.choices(list(self.reads), weights=list(self.reads.values()))[0]

    def pause(self, rnd: random.Random) -> float:
        """Seconds to wait before the next action (exponential around `think`; 0: none)."""
        return rnd.expovariate(1 / self.think) if self.think > 0 else 0.0


def recency_weights(count: int) -> list[float]:
    """Weights of topics ranked by last activity (most recent first): Zipf, 1/(rank+1),
    so the latest topic is read most and the 100th a hundred times less."""
    return [1 / (rank + 1) for rank in range(count)]


def page_count(items: int, per_page: int) -> int:
    """Pages needed for `items` at `per_page` a page (at least 1)."""
    return max(math.ceil(items / per_page), 1)


def percentile(values: list[float], share: float) -> float:
    """The `share` (0-100) percentile of `values` by nearest rank; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(math.ceil(share / 100 * len(ordered)), 1)
    return ordered[rank - 1]


@dataclass(frozen=True)
class Record:
    """One request: when it finished (time.time()), kind (KINDS), page label, status
    (0: no answer), the status expected, milliseconds, and the X-Page-Cache header."""

    finished: float
    kind: str
    label: str
    status: int
    expected: int
    ms: float
    cache: str = ""


def summarise(records: list[Record]) -> dict:
    """Per kind (and "all"), and per read label: count, p50, p99, 5xx, other unexpected
    statuses, no answer."""

    def stats(group: list[Record]) -> dict:
        times = [r.ms for r in group]
        return {
            "count": len(group),
            "p50": percentile(times, 50),
            "p99": percentile(times, 99),
            "5xx": sum(r.status >= 500 for r in group),
            "unexpected": sum(0 < r.status < 500 and r.status != r.expected for r in group),
            "no_answer": sum(r.status == 0 for r in group),
        }

    kinds = {"all": stats(records)}
    for kind in KINDS:
        kinds[kind] = stats([r for r in records if r.kind == kind])
    labels = sorted({r.label for r in records if r.kind == "read"})
    pages = {label: stats([r for r in records if r.label == label]) for label in labels}
    hits = sum(r.cache == "hit" for r in records)
    misses = sum(r.cache == "miss" for r in records)
    return {"kinds": kinds, "pages": pages, "cache_hits": hits, "cache_misses": misses}


def lost_writes(replies: list, stored_replies: dict, toggles: list, stored_reactions: set) -> dict:
    """Compare what the server acknowledged with what the database holds.

    `replies`: (marker, topic id, acknowledged) for every reply sent; `stored_replies`:
    {marker: [topic id of each stored post carrying it]}. `toggles`: (member id, post id,
    kind, sequence, on) for every reaction toggle sent, `on` None when no answer came;
    `stored_reactions`: the (member id, post id, kind) rows. A reaction whose last toggle
    got no answer is uncertain, not lost.
    """
    result = {"replies": 0, "missing": 0, "duplicated": 0, "misplaced": 0, "unacked_stored": 0}
    for marker, topic_id, acknowledged in replies:
        stored = stored_replies.get(marker, [])
        if not acknowledged:
            result["unacked_stored"] += bool(stored)
            continue
        result["replies"] += 1
        result["missing"] += not stored
        result["duplicated"] += len(stored) > 1
        result["misplaced"] += any(found != topic_id for found in stored)
    last: dict[tuple, tuple] = {}
    for member, post, kind, sequence, on in sorted(toggles, key=lambda t: t[3]):
        last[(member, post, kind)] = (sequence, on)
    certain = {key: on for key, (_, on) in last.items() if on is not None}
    result["reactions"] = len(certain)
    result["uncertain"] = len(last) - len(certain)
    result["wrong"] = sum(on != (key in stored_reactions) for key, on in certain.items())
    result["lost"] = result["missing"] + result["duplicated"] + result["misplaced"]
    result["lost"] += result["wrong"]
    return result
