"""forums: categories, topics, posts, revisions, reactions, reads, reports, drafts

Revision ID: 0002_forums
Revises: cf3cdafbaab8
Create Date: 2026-11-22 08:05:37.386505

"""
from alembic import op
import sqlalchemy as sa

import mediator_portal.database


# revision identifiers, used by Alembic.
revision = '0002_forums'
down_revision = 'cf3cdafbaab8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('forum_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_el', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('description_el', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('visible_to', sa.String(length=100), nullable=False),
    sa.Column('can_start_topics', sa.String(length=100), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('topic_count', sa.Integer(), nullable=False),
    sa.Column('post_count', sa.Integer(), nullable=False),
    sa.Column('last_post_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_topic_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_categories'))
    )
    with op.batch_alter_table('forum_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_categories_position'), ['position'], unique=False)

    op.create_table('forum_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_post_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_post_id', sa.Integer(), nullable=True),
    sa.Column('last_poster_id', sa.Integer(), nullable=True),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_topics_author_id_users')),
    sa.ForeignKeyConstraint(['category_id'], ['forum_categories.id'], name=op.f('fk_forum_topics_category_id_forum_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['last_poster_id'], ['users.id'], name=op.f('fk_forum_topics_last_poster_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_topics'))
    )
    with op.batch_alter_table('forum_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_topics_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_forum_topics_category_order', ['category_id', 'pinned', 'last_post_at'], unique=False)

    op.create_table('forum_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(topic_id IS NULL) <> (category_id IS NULL)', name=op.f('ck_forum_drafts_one_target')),
    sa.ForeignKeyConstraint(['category_id'], ['forum_categories.id'], name=op.f('fk_forum_drafts_category_id_forum_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['forum_topics.id'], name=op.f('fk_forum_drafts_topic_id_forum_topics'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_drafts')),
    sa.UniqueConstraint('user_id', 'category_id', name='uq_forum_drafts_user_category'),
    sa.UniqueConstraint('user_id', 'topic_id', name='uq_forum_drafts_user_topic')
    )
    with op.batch_alter_table('forum_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_drafts_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_drafts_topic_id'), ['topic_id'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('deleted_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=500), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_posts_author_id_users')),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_forum_posts_hidden_by_id_users')),
    sa.ForeignKeyConstraint(['topic_id'], ['forum_topics.id'], name=op.f('fk_forum_posts_topic_id_forum_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts')),
    sa.UniqueConstraint('topic_id', 'number', name=op.f('uq_forum_posts_topic_id'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_posts_author_id'), ['author_id'], unique=False)

    op.create_table('forum_topic_reads',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('last_read_number', sa.Integer(), nullable=False),
    sa.Column('updated_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['forum_topics.id'], name=op.f('fk_forum_topic_reads_topic_id_forum_topics'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_topic_reads_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'topic_id', name=op.f('pk_forum_topic_reads'))
    )
    with op.batch_alter_table('forum_topic_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_topic_reads_topic_id'), ['topic_id'], unique=False)

    op.create_table('forum_post_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('written_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_forum_post_revisions_editor_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_post_revisions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_post_revisions'))
    )
    with op.batch_alter_table('forum_post_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_post_revisions_post_id'), ['post_id'], unique=False)

    op.create_table('forum_reactions',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_reactions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_reactions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'user_id', 'kind', name=op.f('pk_forum_reactions'))
    )
    with op.batch_alter_table('forum_reactions', schema=None) as batch_op:
        batch_op.create_index('ix_forum_reactions_user_id', ['user_id', 'post_id'], unique=False)

    op.create_table('forum_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_reports_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_forum_reports_reporter_id_users')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_forum_reports_resolved_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_reports'))
    )
    with op.batch_alter_table('forum_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_reports_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_reports_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_reports_resolved_at'), ['resolved_at'], unique=False)



def downgrade():
    with op.batch_alter_table('forum_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_reports_resolved_at'))
        batch_op.drop_index(batch_op.f('ix_forum_reports_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_forum_reports_post_id'))

    op.drop_table('forum_reports')
    with op.batch_alter_table('forum_reactions', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_reactions_user_id')

    op.drop_table('forum_reactions')
    with op.batch_alter_table('forum_post_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_post_revisions_post_id'))

    op.drop_table('forum_post_revisions')
    with op.batch_alter_table('forum_topic_reads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_topic_reads_topic_id'))

    op.drop_table('forum_topic_reads')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_posts_author_id'))

    op.drop_table('forum_posts')
    with op.batch_alter_table('forum_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_drafts_topic_id'))
        batch_op.drop_index(batch_op.f('ix_forum_drafts_category_id'))

    op.drop_table('forum_drafts')
    with op.batch_alter_table('forum_topics', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_topics_category_order')
        batch_op.drop_index(batch_op.f('ix_forum_topics_author_id'))

    op.drop_table('forum_topics')
    with op.batch_alter_table('forum_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_categories_position'))

    op.drop_table('forum_categories')
