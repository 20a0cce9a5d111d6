"""forums: an index on when topics were started, for the navigation's count of new topics

The count of topics new to a member (never opened, started after their account was
created) runs on every page; with this index it reads, in each category the member may
read, only the topics started since (without it SQLite read every topic of the board:
0.58 ms per page on the benchmark's 200 topics).

Revision ID: 0007_topic_created_index
Revises: 0006_jobs
Create Date: 2026-12-02 22:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007_topic_created_index'
down_revision = '0006_jobs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_forum_topics_category_created', 'forum_topics', ['category_id', 'created_at']
    )


def downgrade():
    op.drop_index('ix_forum_topics_category_created', table_name='forum_topics')
