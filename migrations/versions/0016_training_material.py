"""training: sessions' material (library items), proposal edits with their history

Revision ID: 0016_training_material
Revises: 0015_calendar_feeds
Create Date: 2026-12-03 09:40:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0016_training_material'
down_revision = '0015_calendar_feeds'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'training_session_material',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('library_item_id', sa.Integer(), nullable=False),
        sa.Column('added_by_id', sa.Integer(), nullable=True),
        sa.Column('added_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['added_by_id'], ['users.id'],
            name=op.f('fk_training_session_material_added_by_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['library_item_id'], ['library_items.id'],
            name=op.f('fk_training_session_material_library_item_id_library_items'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['session_id'], ['training_sessions.id'],
            name=op.f('fk_training_session_material_session_id_training_sessions'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(
            'session_id', 'library_item_id', name=op.f('pk_training_session_material')
        ),
    )
    with op.batch_alter_table('training_session_material', schema=None) as batch_op:
        batch_op.create_index(
            'ix_training_session_material_item', ['library_item_id'], unique=False
        )

    op.create_table(
        'training_proposal_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=True),
        sa.Column('languages', sa.String(length=200), nullable=False),
        sa.Column(
            'written_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column('edited_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column('editor_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['editor_id'], ['users.id'],
            name=op.f('fk_training_proposal_revisions_editor_id_users'),
        ),
        sa.ForeignKeyConstraint(
            ['proposal_id'], ['training_proposals.id'],
            name=op.f('fk_training_proposal_revisions_proposal_id_training_proposals'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['theme_id'], ['training_themes.id'],
            name=op.f('fk_training_proposal_revisions_theme_id_training_themes'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_training_proposal_revisions')),
    )
    with op.batch_alter_table('training_proposal_revisions', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_training_proposal_revisions_proposal_id'), ['proposal_id'], unique=False
        )

    with op.batch_alter_table('training_proposals', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'edited_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True
            )
        )


def downgrade():
    with op.batch_alter_table('training_proposals', schema=None) as batch_op:
        batch_op.drop_column('edited_at')
    with op.batch_alter_table('training_proposal_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_proposal_revisions_proposal_id'))
    op.drop_table('training_proposal_revisions')
    with op.batch_alter_table('training_session_material', schema=None) as batch_op:
        batch_op.drop_index('ix_training_session_material_item')
    op.drop_table('training_session_material')
