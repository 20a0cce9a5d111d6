"""The full-text index on SQLite: an FTS5 table over `search_documents` (external content,
rowid = search_documents.id), with a column for the title's terms (ranked ten times higher)
and one for all the terms. Python folds and stems (search.search_terms), so the tokenizer
only splits on spaces: `unicode61 remove_diacritics 0`. Triggers on `search_documents`
itself (this module's own table, never another feature's) keep the FTS5 table in step with
every insert, update and delete of it, whoever makes them.
"""

from sqlalchemy import Select, Table, bindparam, column, func, literal_column, select, table
from sqlalchemy.dialects.sqlite import insert  # noqa: F401 - the upsert of fulltext.py

FTS_TABLE = "search_documents_fts"
TITLE_WEIGHT = 10.0

# The FTS5 table and its triggers are made by migrations/versions/0010_search_documents.py.


def _quoted(term: str) -> str:
    """A term as an FTS5 string: in double quotes, any double quote doubled. Terms are
    letters and digits already; this keeps FTS5's syntax out of reach all the same."""
    return '"' + term.replace('"', '""') + '"'


def fts_query(whole: list[str], last: list[tuple[str, bool]]) -> str:
    """Every whole term, and one of the last word's alternatives (some of them prefixes)."""
    parts = [_quoted(term) for term in whole]
    if last:
        prefixes = [_quoted(term) + ("*" if prefix else "") for term, prefix in last]
        parts.append(prefixes[0] if len(prefixes) == 1 else "(" + " OR ".join(prefixes) + ")")
    return " AND ".join(parts)


def matching(documents: Table, kind: str, whole: list[str], last: list[tuple[str, bool]]) -> Select:
    index = table(FTS_TABLE, column("rowid"))
    # bm25 is smaller for better matches: its negation ranks best first, as ts_rank does.
    # FTS5 computes it only in a query on the FTS5 table itself, not inside an aggregate:
    # LIMIT -1 (no limit) keeps SQLite from flattening this subquery into the GROUP BY.
    hits = (
        select(
            index.c.rowid.label("id"),
            (-func.bm25(literal_column(FTS_TABLE), TITLE_WEIGHT, 1.0)).label("score"),
        )
        .where(
            literal_column(FTS_TABLE).op("MATCH")(
                bindparam("fulltext", fts_query(whole, last), unique=True)
            )
        )
        .limit(-1)
        .subquery("fulltext_hits")
    )
    rank = func.max(hits.c.score).label("rank")
    return (
        select(documents.c.object_id, rank)
        .join(hits, hits.c.id == documents.c.id)
        .where(documents.c.kind == kind)
        .group_by(documents.c.object_id)
        .order_by(rank.desc())
    )
