"""stored files: the upload gate's table (mediator_portal/storage_models.py)

Revision ID: 0009_stored_files
Revises: 0008_notifications
Create Date: 2026-12-03 06:40:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0009_stored_files'
down_revision = '0008_notifications'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'stored_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('original_name', sa.String(length=255), nullable=False),
        sa.Column('extension', sa.String(length=10), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('extracted_text', sa.Text(), nullable=True),
        sa.Column('thumbnail_key', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_stored_files_created_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files')),
        sa.UniqueConstraint('key', name=op.f('uq_stored_files_key')),
    )


def downgrade():
    op.drop_table('stored_files')
