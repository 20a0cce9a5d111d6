"""forums: a version number on each post, raised by every change to it

The cache of rendered posts keys a post on (id, version) instead of its whole HTML, and
two moderators changing one post at the same instant are told instead of one change
silently overwriting the other.

Revision ID: 0003_post_version
Revises: 0002_forums
Create Date: 2026-12-02 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_post_version'
down_revision = '0002_forums'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_column('version')
