"""library: sections, items, tags, versions, views and visits

Revision ID: 0011_library
Revises: 0010_search_documents
Create Date: 2026-12-03 07:00:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0011_library'
down_revision = '0010_search_documents'
branch_labels = None
depends_on = None

UTC = mediator_portal.database.UTCDateTime(timezone=True)


def upgrade():
    op.create_table(
        'library_sections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name_el', sa.String(length=120), nullable=False),
        sa.Column('name_en', sa.String(length=120), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_sections')),
    )
    op.create_index(op.f('ix_library_sections_position'), 'library_sections', ['position'])
    op.create_table(
        'library_tags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_tags')),
        sa.UniqueConstraint('key', name=op.f('uq_library_tags_key')),
    )
    op.create_table(
        'library_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('description_html', sa.Text(), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('section_id', sa.Integer(), nullable=True),
        sa.Column('languages', sa.String(length=200), nullable=False),
        sa.Column('visible_to', sa.String(length=100), nullable=False),
        sa.Column('uploader_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('updated_at', UTC, nullable=False),
        sa.Column('deleted_at', UTC, nullable=True),
        sa.Column('deleted_by_id', sa.Integer(), nullable=True),
        sa.Column('current_version_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['section_id'], ['library_sections.id'], name=op.f('fk_library_items_section_id_library_sections'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['uploader_id'], ['users.id'], name=op.f('fk_library_items_uploader_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_library_items_deleted_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_items')),
    )
    op.create_index('ix_library_items_live_created', 'library_items', ['deleted_at', 'created_at'])
    op.create_index('ix_library_items_section', 'library_items', ['section_id', 'deleted_at'])
    op.create_index(op.f('ix_library_items_uploader_id'), 'library_items', ['uploader_id'])
    op.create_table(
        'library_item_tags',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('tag_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_item_tags_item_id_library_items'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['tag_id'], ['library_tags.id'], name=op.f('fk_library_item_tags_tag_id_library_tags'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('item_id', 'tag_id', name=op.f('pk_library_item_tags')),
    )
    op.create_index(op.f('ix_library_item_tags_tag_id'), 'library_item_tags', ['tag_id'])
    op.create_table(
        'library_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('stored_file_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.Column('uploader_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_versions_item_id_library_items'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['stored_file_id'], ['stored_files.id'], name=op.f('fk_library_versions_stored_file_id_stored_files')),
        sa.ForeignKeyConstraint(['uploader_id'], ['users.id'], name=op.f('fk_library_versions_uploader_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_versions')),
        sa.UniqueConstraint('item_id', 'number', name=op.f('uq_library_versions_item_id')),
    )
    op.create_index(op.f('ix_library_versions_stored_file_id'), 'library_versions', ['stored_file_id'])
    op.create_table(
        'library_views',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('first_opened_at', UTC, nullable=False),
        sa.Column('last_opened_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_views_item_id_library_items'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_library_views_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'item_id', name=op.f('pk_library_views')),
    )
    op.create_index('ix_library_views_item', 'library_views', ['item_id'])
    op.create_table(
        'library_visits',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('last_visit_at', UTC, nullable=False),
        sa.Column('previous_visit_at', UTC, nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_library_visits_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_library_visits')),
    )


def downgrade():
    op.drop_table('library_visits')
    op.drop_table('library_views')
    op.drop_table('library_versions')
    op.drop_table('library_item_tags')
    op.drop_table('library_items')
    op.drop_table('library_tags')
    op.drop_table('library_sections')
