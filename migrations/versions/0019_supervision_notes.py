"""supervision notes: encrypted action points and private notes per session and mediator, their reads

Revision ID: 0019_supervision_notes
Revises: 0018_supervision
Create Date: 2026-12-03 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import mediator_portal.database


# revision identifiers, used by Alembic.
revision = '0019_supervision_notes'
down_revision = '0018_supervision'
branch_labels = None
depends_on = None


def upgrade():
    # action_points and private hold Fernet tokens (crypto.EncryptedText), never the text.
    op.create_table('supervision_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('action_points', sa.Text(), nullable=True),
    sa.Column('private', sa.Text(), nullable=True),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_supervision_notes_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_supervision_notes_mediator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['slot_id'], ['supervision_slots.id'], name=op.f('fk_supervision_notes_slot_id_supervision_slots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_notes')),
    sa.UniqueConstraint('slot_id', 'mediator_id', name='uq_supervision_notes_slot_mediator')
    )
    with op.batch_alter_table('supervision_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_notes_mediator_id'), ['mediator_id'], unique=False)

    op.create_table('supervision_note_reads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('reader_id', sa.Integer(), nullable=True),
    sa.Column('read_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['supervision_notes.id'], name=op.f('fk_supervision_note_reads_note_id_supervision_notes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reader_id'], ['users.id'], name=op.f('fk_supervision_note_reads_reader_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_note_reads'))
    )
    with op.batch_alter_table('supervision_note_reads', schema=None) as batch_op:
        batch_op.create_index('ix_supervision_note_reads_note_at', ['note_id', 'read_at'], unique=False)


def downgrade():
    with op.batch_alter_table('supervision_note_reads', schema=None) as batch_op:
        batch_op.drop_index('ix_supervision_note_reads_note_at')

    op.drop_table('supervision_note_reads')
    with op.batch_alter_table('supervision_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_notes_mediator_id'))

    op.drop_table('supervision_notes')
