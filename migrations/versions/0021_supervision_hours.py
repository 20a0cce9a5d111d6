"""supervision: attendance marks (with the mediator's answer) and hours periods with a target

Revision ID: 0021_supervision_hours
Revises: 0020_supervision_waitlist
Create Date: 2026-12-03 10:07:09.246833

"""
from alembic import op
import sqlalchemy as sa

import mediator_portal.database


# revision identifiers, used by Alembic.
revision = '0021_supervision_hours'
down_revision = '0020_supervision_waitlist'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('supervision_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('target_hours', sa.Integer(), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_supervision_periods_ends_after_start')),
    sa.CheckConstraint('target_hours >= 0', name=op.f('ck_supervision_periods_target_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_periods'))
    )
    op.create_table('supervision_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.Column('marked_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.String(length=12), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('answered_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("answer IN ('pending', 'confirmed', 'disputed')", name=op.f('ck_supervision_marks_known_answer')),
    sa.CheckConstraint("status IN ('attended', 'no_show', 'cancelled_late')", name=op.f('ck_supervision_marks_known_mark')),
    sa.ForeignKeyConstraint(['marked_by_id'], ['users.id'], name=op.f('fk_supervision_marks_marked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_supervision_marks_mediator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['slot_id'], ['supervision_slots.id'], name=op.f('fk_supervision_marks_slot_id_supervision_slots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_marks')),
    sa.UniqueConstraint('slot_id', 'mediator_id', name=op.f('uq_supervision_marks_slot_id'))
    )
    with op.batch_alter_table('supervision_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_marks_mediator_id'), ['mediator_id'], unique=False)



def downgrade():
    with op.batch_alter_table('supervision_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_marks_mediator_id'))

    op.drop_table('supervision_marks')
    op.drop_table('supervision_periods')
