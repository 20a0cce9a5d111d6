"""forums: attachments of posts (images and PDFs through the upload gate)

Revision ID: 0013_post_attachments
Revises: 0011_library
Create Date: 2026-12-03 07:30:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0013_post_attachments'
down_revision = '0011_library'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'forum_post_attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=True),
        sa.Column('stored_file_id', sa.Integer(), nullable=False),
        sa.Column('uploader_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_post_attachments_post_id_forum_posts'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['stored_file_id'], ['stored_files.id'], name=op.f('fk_forum_post_attachments_stored_file_id_stored_files'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['uploader_id'], ['users.id'], name=op.f('fk_forum_post_attachments_uploader_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_post_attachments')),
        sa.UniqueConstraint('stored_file_id', name=op.f('uq_forum_post_attachments_stored_file_id')),
    )
    with op.batch_alter_table('forum_post_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_post_attachments_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_post_attachments_uploader_id'), ['uploader_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_post_attachments_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('forum_post_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_post_attachments_created_at'))
        batch_op.drop_index(batch_op.f('ix_forum_post_attachments_uploader_id'))
        batch_op.drop_index(batch_op.f('ix_forum_post_attachments_post_id'))
    op.drop_table('forum_post_attachments')
