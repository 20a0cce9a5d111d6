"""The full-text index: one table of texts any feature may search (the library's items and
files today; board posts, training proposals, members later), Greek and English, accents,
case and final sigma never mattering.

A feature indexes what it wants found, each object as one or more *parts* ("meta" for its
title and description, "file:123" for the text of a file), and searches through `matching`:

    index_document(session, "library_item", item.id, title=item.title, body=item.summary)
    index_document(session, "library_item", item.id, title=name, body=text, part=f"file:{n}")
    remove_documents(session, "library_item", item.id)           # all its parts

    found = fulltext.matching("library_item", query)               # None: empty query
    if found is not None:
        found = found.subquery()
        rows = session.execute(
            select(Item, found.c.rank)
            .join(found, found.c.object_id == Item.id)
            .where(<what this viewer may read>)                    # the caller's own filter
            .order_by(found.c.rank.desc(), Item.id)
            .limit(20)
        )
    snippets = fulltext.passages(session, "library_item", [item.id for ...], query)

The permission rule: the index knows nothing of who may read what. `matching` only gives
(object_id, rank) pairs; the caller joins them to its own permission-filtered query, so
nothing the viewer may not read is ever shown, counted or suggested.

What is indexed is the `folded` column: the index terms of title and body (`search.
search_terms`: folded, stemmed words). SQLite keeps an FTS5 table over it (fulltext_sqlite),
PostgreSQL a generated tsvector column with a GIN index (fulltext_postgresql); both kept in
step with this table alone, by the database itself. Services never commit.
"""

from datetime import datetime

from markupsafe import Markup
from sqlalchemy import (
    Integer,
    Select,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from mediator_portal import fulltext_postgresql, fulltext_sqlite
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.fulltext_passages import PassageQuery, best_passage
from mediator_portal.search import folded_words, search_terms, stem

KIND_MAX = 20
PART_MAX = 20
MAX_TITLE_CHARS = 1_000
MAX_BODY_CHARS = 200_000  # about 65 pages: more is cut (PostgreSQL's tsvector holds 1 MB)
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 12
PASSAGE_HEAD_CHARS = 20_000  # of each body, read first for passages
MAX_LAST_WORD_ENDINGS = 6  # how far a stem may be shorter than the word typed


class SearchDocument(db.Model):
    """One text of one object: its original title and body, and the terms indexed."""

    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "object_id", "part", name="uq_search_documents"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_MAX))  # "library_item", "forum_post", ...
    object_id: Mapped[int] = mapped_column(Integer)
    part: Mapped[str] = mapped_column(String(PART_MAX), default="meta")  # "meta", "file:123"
    title: Mapped[str] = mapped_column(Text, default="")  # as written, for passages
    body: Mapped[str] = mapped_column(Text, default="")  # as written, at most MAX_BODY_CHARS
    folded_title: Mapped[str] = mapped_column(Text, default="")  # the title's terms (ranked higher)
    folded: Mapped[str] = mapped_column(Text, default="")  # the terms of title and body: indexed
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def _check(kind: str, part: str | None = None) -> None:
    if not kind or len(kind) > KIND_MAX:
        raise ValueError(f"a search kind has 1 to {KIND_MAX} characters: {kind!r}")
    if part is not None and (not part or len(part) > PART_MAX):
        raise ValueError(f"a search part has 1 to {PART_MAX} characters: {part!r}")


def index_document(
    session: Session, kind: str, object_id: int, *, title: str, body: str = "", part: str = "meta"
) -> None:
    """Index (or re-index, replacing the old text) one part of one object. Does not commit."""
    _check(kind, part)
    title = (title or "")[:MAX_TITLE_CHARS]
    body = (body or "")[:MAX_BODY_CHARS]
    folded_title = " ".join(search_terms(title))
    body_terms = " ".join(search_terms(body))
    values = {
        "title": title,
        "body": body,
        "folded_title": folded_title,
        "folded": f"{folded_title} {body_terms}".strip(),
        "updated_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    module = fulltext_postgresql if dialect == "postgresql" else fulltext_sqlite
    table = SearchDocument.__table__
    statement = module.insert(table).values(kind=kind, object_id=object_id, part=part, **values)
    statement = statement.on_conflict_do_update(
        index_elements=["kind", "object_id", "part"], set_=values
    )
    session.execute(statement)


def remove_documents(session: Session, kind: str, object_id: int, part: str | None = None) -> None:
    """Remove every part of an object from the index (or only `part`). Does not commit."""
    _check(kind, part)
    statement = delete(SearchDocument).where(
        SearchDocument.kind == kind, SearchDocument.object_id == object_id
    )
    if part is not None:
        statement = statement.where(SearchDocument.part == part)
    session.execute(statement)


def query_terms(query: str | None) -> tuple[list[str], list[tuple[str, bool]]]:
    """The query's terms: the stems of its whole words, each to be matched, and for the last
    word, being typed, alternatives (term, is a prefix) of which one must match.

    The index holds stems, the last word may be cut anywhere: it matches the index terms
    starting with it ("μεταν" finds "μεταναστευσ"), and those it starts with from its own
    stem on ("μετανάστευσης" finds "μεταναστευσ"), not every word sharing its stem's start.
    """
    words = folded_words((query or "")[:MAX_QUERY_CHARS])
    if not words:
        return [], []
    last = words[-1]
    stemmed = stem(last)
    alternatives = [(last, True)]
    if last.startswith(stemmed):
        shortest = max(len(stemmed), 2, len(last) - MAX_LAST_WORD_ENDINGS)
        alternatives += [(last[:length], False) for length in range(shortest, len(last))]
    else:  # the stemmer changed a letter ("happy": "happi")
        alternatives.append((stemmed, True))
    stems = {stem(word): None for word in words[:-1]}
    whole = [term for term in stems if (term, False) not in alternatives]
    return whole[: MAX_QUERY_TERMS - 1], alternatives


def matching(kind: str, query: str, *, prefix: bool = True) -> Select | None:
    """A SELECT of (object_id, rank) for the objects of `kind` one of whose parts holds every
    term of `query` (the last also as a prefix, for suggestions, unless `prefix=False`),
    best rank first (higher is better); None when the query has no term.

    Join it, as a subquery, to your own permission-filtered query and order by its rank.
    The query's text is never part of the SQL: it goes in one bound parameter, each term
    quoted in the database's query syntax.
    """
    _check(kind)
    whole, last = query_terms(query)
    if not last:
        return None
    if not prefix:
        whole, last = list(dict.fromkeys([*whole, stem(last[0][0])])), []
    module = fulltext_postgresql if db.engine.dialect.name == "postgresql" else fulltext_sqlite
    return module.matching(SearchDocument.__table__, kind, whole, last)


def passages(
    session: Session, kind: str, object_ids: list[int], query: str, *, width: int = 160
) -> dict[int, Markup]:
    """For each object, the best passage (about `width` characters) of its original text
    around a match, HTML-escaped, the matched words in <mark> with their accents as written.
    An object whose parts match nowhere gets the opening of its text; one not indexed, nothing.
    One or two statements for all the objects."""
    _check(kind)
    if not object_ids:
        return {}
    passage_query = PassageQuery(*query_terms(query))
    # The openings of the bodies first (most passages are found there), then the whole
    # body of the objects whose best passage so far lacks a term: at most two statements.
    found = _passages(session, kind, set(object_ids), passage_query, width, PASSAGE_HEAD_CHARS)
    unfinished = {object_id for object_id, (_passage, done) in found.items() if not done}
    if unfinished:
        found |= _passages(session, kind, unfinished, passage_query, width, None)
    return {object_id: passage for object_id, (passage, _done) in found.items()}


def _passages(
    session: Session,
    kind: str,
    object_ids: set[int],
    passage_query: PassageQuery,
    width: int,
    head: int | None,
) -> dict[int, tuple[Markup, bool]]:
    """{object_id: (passage, whether complete)}: complete when it holds every term or the
    texts were read whole; `head`: how much of each body to read (None: all of it)."""
    document = SearchDocument
    body = document.body if head is None else func.substr(document.body, 1, head)
    more = (
        literal(False) if head is None else func.length(func.substr(document.body, head + 1, 1)) > 0
    )
    rows = session.execute(
        select(document.object_id, document.title, body, more)
        .where(document.kind == kind, document.object_id.in_(object_ids))
        .order_by(document.object_id, document.part != "meta", document.part)
    ).all()
    bodies: dict[int, list[tuple[str, bool]]] = {}
    titles: dict[int, list[tuple[str, bool]]] = {}
    for object_id, title, text, cut in rows:
        bodies.setdefault(object_id, []).append((text, bool(cut)))
        titles.setdefault(object_id, []).append((title, False))
    found = {}
    for object_id in bodies:  # bodies first ("meta" first), titles last
        passage, done = best_passage(bodies[object_id] + titles[object_id], passage_query, width)
        cut = any(more for _text, more in bodies[object_id])
        found[object_id] = (passage, done or not cut)
    return found


def modelled(object_, name, type_, reflected, compare_to) -> bool:
    """Alembic's `include_object`: leave out of model comparisons what the index keeps beside
    its table (the FTS5 table and its shadow tables; the tsvector columns and their index)."""
    if type_ == "table" and name.startswith(fulltext_sqlite.FTS_TABLE):
        return False
    if type_ == "column" and name in (
        fulltext_postgresql.VECTOR_COLUMN,
        fulltext_postgresql.RANK_COLUMN,
    ):
        return False
    return not (type_ == "index" and name == fulltext_postgresql.VECTOR_INDEX)
