"""forums: the key a reply or new topic was sent with, unique per author

A form carries a random key set when it is shown; the same key posted twice (a double
click, a retry after a lost answer) makes one post.

Revision ID: 0004_post_idempotency_key
Revises: 0003_post_version
Create Date: 2026-12-02 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_post_idempotency_key'
down_revision = '0003_post_version'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idempotency_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            'uq_forum_posts_author_key', ['author_id', 'idempotency_key']
        )


def downgrade():
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_forum_posts_author_key', type_='unique')
        batch_op.drop_column('idempotency_key')
