"""The full-text index on PostgreSQL: a generated tsvector column over `search_documents`
(the title's terms weighted A, all the terms D) with a GIN index. Python folds and stems
(search.search_terms), so the 'simple' configuration only splits and keeps every word.
Being generated, the column is in step with every write of the row, whoever makes it.
"""

from sqlalchemy import Select, Table, bindparam, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import (
    REGCONFIG,
    insert,  # noqa: F401 - the upsert of fulltext.py
)

VECTOR_COLUMN = "search_vector"
VECTOR_INDEX = "ix_search_documents_search_vector"

# The column and its index are made by migrations/versions/0010_search_documents.py.


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
    vector = literal_column(f"search_documents.{VECTOR_COLUMN}")
    rank = func.max(func.ts_rank(vector, query)).label("rank")
    return (
        select(documents.c.object_id, rank)
        .where(documents.c.kind == kind, vector.op("@@")(query))
        .group_by(documents.c.object_id)
        .order_by(rank.desc())
    )
