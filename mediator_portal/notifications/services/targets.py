"""What a notification points at, and who may still read it: a registry of resolvers.

Each feature registers, for its target type ("post", "topic", "category"; later "document",
"session"…), a `Resolver`: `load(session, ids)` loads the rows in one query, and
`resolve(viewer, row)` tells their title, URL and whether `viewer` may read them now
(`readable_sql(target_id, role)`, the same rule in SQL, lets the unread count leave out in
one statement what its person may no longer read). The list, the e-mails and `notify` ask
here, so nobody is told of what they may not read (a
category restricted, a topic hidden, a role changed after the notification was made).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from flask import url_for
from sqlalchemy.orm import Session


class Target(NamedTuple):
    """What a notification is about: a type registered here and an id."""

    type: str
    id: int


class Link(NamedTuple):
    """Where a target is shown: an endpoint and its values. Built into a URL only when shown
    (`url`), so that a receiver or a job without a request can resolve targets."""

    endpoint: str
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def url(self) -> str:
        return url_for(self.endpoint, **dict(self.values))


class Resolved(NamedTuple):
    """A target as one viewer sees it. `sensitive`: e-mails carry the title and link only.
    `topic_id`, `category_id`: its context (muting, grouping by topic)."""

    title: str
    link: Link
    readable: bool
    sensitive: bool = False
    topic_id: int | None = None
    category_id: int | None = None

    @property
    def url(self) -> str:
        return self.link.url


@dataclass(frozen=True)
class Resolver:
    """How to load targets of one type (`load`: ids -> {id: row}, one query) and how one
    viewer sees one (`resolve`: (viewer, row) -> Resolved). For e-mail, optionally:
    `excerpt(row)`, the start of its text (never asked for a sensitive target), and
    `seen(session, viewer, row)`, whether the viewer has read it on the site already. For
    the unread count: `readable_sql(target_id, role)`, a SQL condition (both arguments SQL
    expressions) true when the target exists and a person of `role` may read it; a type
    without one is counted while unread."""

    load: Callable[[Session, Iterable[int]], dict[int, Any]]
    resolve: Callable[[Any, Any], Resolved]
    excerpt: Callable[[Any], str] | None = None
    seen: Callable[[Session, Any, Any], bool] | None = None
    readable_sql: Callable[[Any, Any], Any] | None = None


RESOLVERS: dict[str, Resolver] = {}


def register_resolver(target_type: str, resolver: Resolver) -> None:
    """Register how targets of `target_type` are loaded and shown (one per type)."""
    RESOLVERS[target_type] = resolver


def load_targets(session: Session, targets: Iterable[Target]) -> dict[Target, Any]:
    """{target: row} for the targets that still exist: one query per target type."""
    by_type: dict[str, set[int]] = {}
    for target in targets:
        by_type.setdefault(target.type, set()).add(target.id)
    found: dict[Target, Any] = {}
    for target_type, ids in by_type.items():
        resolver = RESOLVERS.get(target_type)
        if resolver is None:
            continue
        for target_id, row in resolver.load(session, ids).items():
            found[Target(target_type, target_id)] = row
    return found


def resolve_row(viewer, target: Target, row: Any) -> Resolved:
    """How `viewer` sees `row`, a loaded target of `target.type`."""
    return RESOLVERS[target.type].resolve(viewer, row)


def excerpt_of(target: Target, row: Any) -> str:
    """The start of the text of `row` for an e-mail ("" when its type has none)."""
    resolver = RESOLVERS[target.type]
    return resolver.excerpt(row) if resolver.excerpt else ""


def seen_on_site(session: Session, viewer, target: Target, row: Any) -> bool:
    """True when `viewer` has already read `row` on the site (False when its type cannot say)."""
    resolver = RESOLVERS[target.type]
    return bool(resolver.seen and resolver.seen(session, viewer, row))


def resolve(session: Session, viewer, target_type: str, ids: Iterable[int]) -> dict[int, Resolved]:
    """{id: Resolved} of the targets of `target_type` that exist (one query): the registry's
    one question, "what are these, and may `viewer` read them?"."""
    rows = load_targets(session, (Target(target_type, i) for i in ids))
    return {target.id: resolve_row(viewer, target, row) for target, row in rows.items()}
