"""search documents: the full-text index (mediator_portal/fulltext.py)

The table, then on SQLite an FTS5 table over it kept in step by triggers on it, on
PostgreSQL a generated tsvector column with a GIN index (finding) and a small one of the
title and opening (ranking), and the function that matches through the index alone
(mediator_portal/fulltext_postgresql.py says why). The statements are copied here
(not imported) so that this migration stays what it was.

Revision ID: 0010_search_documents
Revises: 0009_stored_files
Create Date: 2026-12-03 06:50:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0010_search_documents'
down_revision = '0009_stored_files'
branch_labels = None
depends_on = None

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_documents_fts USING fts5(
        folded_title, folded, content='search_documents', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3')""",
    """CREATE TRIGGER search_documents_fts_insert AFTER INSERT ON search_documents BEGIN
        INSERT INTO search_documents_fts(rowid, folded_title, folded)
        VALUES (new.id, new.folded_title, new.folded);
    END""",
    """CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents BEGIN
        INSERT INTO search_documents_fts(search_documents_fts, rowid, folded_title, folded)
        VALUES ('delete', old.id, old.folded_title, old.folded);
    END""",
    """CREATE TRIGGER search_documents_fts_update
    AFTER UPDATE OF folded_title, folded ON search_documents BEGIN
        INSERT INTO search_documents_fts(search_documents_fts, rowid, folded_title, folded)
        VALUES ('delete', old.id, old.folded_title, old.folded);
        INSERT INTO search_documents_fts(rowid, folded_title, folded)
        VALUES (new.id, new.folded_title, new.folded);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_documents_fts_update",
    "DROP TRIGGER IF EXISTS search_documents_fts_delete",
    "DROP TRIGGER IF EXISTS search_documents_fts_insert",
    "DROP TABLE IF EXISTS search_documents_fts",
]
POSTGRESQL_CREATE = [
    """ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, folded)) STORED""",
    """ALTER TABLE search_documents ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, folded_title), 'A')
        || setweight(to_tsvector('simple'::regconfig, left(folded, 3000)), 'D')) STORED""",
    "CREATE INDEX ix_search_documents_search_vector ON search_documents USING gin (search_vector)",
    # Found through the GIN index only: a plan reading the rows instead (which the planner
    # picks for common words) unpacks every document's whole vector, 100 kB for 50 pages.
    """CREATE FUNCTION search_documents_matching(tsquery, varchar)
    RETURNS TABLE (object_id integer, rank real)
    LANGUAGE sql STABLE
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$
        SELECT d.object_id, max(ts_rank(d.rank_vector, $1))
        FROM search_documents AS d
        WHERE d.kind = $2 AND d.search_vector @@ $1
        GROUP BY d.object_id
    $$""",
]
POSTGRESQL_DROP = [
    "DROP FUNCTION IF EXISTS search_documents_matching(tsquery, varchar)",
    "DROP INDEX IF EXISTS ix_search_documents_search_vector",
    "ALTER TABLE search_documents DROP COLUMN IF EXISTS rank_vector",
    "ALTER TABLE search_documents DROP COLUMN IF EXISTS search_vector",
]


def upgrade():
    op.create_table(
        'search_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('part', sa.String(length=20), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('folded_title', sa.Text(), nullable=False),
        sa.Column('folded', sa.Text(), nullable=False),
        sa.Column('updated_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
        sa.UniqueConstraint('kind', 'object_id', 'part', name='uq_search_documents'),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}.get(dialect, []):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(dialect, []):
        op.execute(statement)
    op.drop_table('search_documents')
