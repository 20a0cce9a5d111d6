"""The full-text index on PostgreSQL: a generated tsvector column over `search_documents`
(all the terms) with a GIN index, which finds; and a second, small one (the title's terms
weighted A, the first RANK_CHARS characters of all the terms D), which ranks. Python folds
and stems (search.search_terms), so the 'simple' configuration only splits and keeps every
word. Being generated, the columns are in step with every write of the row, whoever makes it.

Why two: ts_rank reads the whole vector of every document found, and a 50-page document's
is about 100 kB, so ranking 1,000 of them read 100 MB (a quarter of a second). Ranked on
their titles and openings instead, they take a few milliseconds; a document whose words are
only further in is still found, ranked after those with them in the title or opening.
For the same reason documents are found through the GIN index alone: for a common word the
planner would rather read every row and test its vector (unpacking all of them again), so
the query runs in the SQL function `search_documents_matching(tsquery, kind)` (made by the
migration), planned with sequential and plain index scans off: a bitmap scan of the GIN
index, which needs no recheck of the rows for these queries (no weights, no phrases).
"""

from sqlalchemy import Select, Table, bindparam, cast, func, select
from sqlalchemy.dialects.postgresql import (
    REGCONFIG,
    insert,  # noqa: F401 - the upsert of fulltext.py
)

VECTOR_COLUMN = "search_vector"
VECTOR_INDEX = "ix_search_documents_search_vector"
RANK_COLUMN = "rank_vector"
RANK_CHARS = 3000  # of `folded`: the title's terms and about 400 words of the body

# The columns and the index are made by migrations/versions/0010_search_documents.py.


def _quoted(term: str) -> str:
    """A term as a tsquery operand: in single quotes, any quote or backslash doubled.
    Terms are letters and digits already; this keeps tsquery's syntax out of reach."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def ts_query(whole: list[str], last: list[tuple[str, bool]]) -> str:
    """Every whole term, and one of the last word's alternatives (some of them prefixes)."""
    parts = [_quoted(term) for term in whole]
    if last:
        prefixes = [_quoted(term) + (":*" if prefix else "") for term, prefix in last]
        parts.append(prefixes[0] if len(prefixes) == 1 else "(" + " | ".join(prefixes) + ")")
    return " & ".join(parts)


def matching(documents: Table, kind: str, whole: list[str], last: list[tuple[str, bool]]) -> Select:
    query = func.to_tsquery(
        cast("simple", REGCONFIG), bindparam("fulltext", ts_query(whole, last), unique=True)
    )
    found = func.search_documents_matching(query, kind).table_valued("object_id", "rank")
    return select(found.c.object_id, found.c.rank).order_by(found.c.rank.desc())
