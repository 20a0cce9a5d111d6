"""table revisions: a token per table, new at every write (for the page cache)

Revision ID: 0003_table_revisions
Revises: 0002_forums
Create Date: 2026-12-02 09:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_table_revisions'
down_revision = '0002_forums'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('table_revisions',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_table_revisions'))
    )
    # Every table that exists now starts with a token, so pages built from it can be kept.
    names = sorted(set(sa.inspect(op.get_bind()).get_table_names()) - {'alembic_version', 'table_revisions'})
    op.bulk_insert(table, [{'name': name, 'token': secrets.token_hex(16)} for name in names])


def downgrade():
    op.drop_table('table_revisions')
