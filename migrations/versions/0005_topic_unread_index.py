"""forums: an index covering the unread count of the category list

Counting a viewer's unread topics per category reads (category_id, hidden, last_number)
of every topic; with this index SQLite and PostgreSQL read them from the index alone.

Revision ID: 0005_topic_unread_index
Revises: 0004_post_idempotency_key
Create Date: 2026-12-02 18:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_topic_unread_index'
down_revision = '0004_post_idempotency_key'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_forum_topics_category_unread',
        'forum_topics',
        ['category_id', 'hidden', 'last_number'],
    )


def downgrade():
    op.drop_index('ix_forum_topics_category_unread', table_name='forum_topics')
