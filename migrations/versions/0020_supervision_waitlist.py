"""supervision waitlist: full group slots' waitlist with offers and their claim window

Revision ID: 0020_supervision_waitlist
Revises: 0019_supervision_notes
Create Date: 2026-12-03 10:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import mediator_portal.database


# revision identifiers, used by Alembic.
revision = '0020_supervision_waitlist'
down_revision = '0019_supervision_notes'
branch_labels = None
depends_on = None

ON_LIST = "status IN ('waiting', 'offered')"


def upgrade():
    op.create_table('supervision_waitlist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('offered_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expires_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('waiting', 'offered', 'booked', 'expired', 'left')", name=op.f('ck_supervision_waitlist_known_status')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_supervision_waitlist_mediator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['slot_id'], ['supervision_slots.id'], name=op.f('fk_supervision_waitlist_slot_id_supervision_slots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_waitlist'))
    )
    with op.batch_alter_table('supervision_waitlist', schema=None) as batch_op:
        batch_op.create_index('ix_supervision_waitlist_mediator_status', ['mediator_id', 'status'], unique=False)
        batch_op.create_index('ix_supervision_waitlist_status_expires', ['status', 'expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_waitlist_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index('uq_supervision_waitlist_live', ['slot_id', 'mediator_id'], unique=True, sqlite_where=sa.text(ON_LIST), postgresql_where=sa.text(ON_LIST))


def downgrade():
    with op.batch_alter_table('supervision_waitlist', schema=None) as batch_op:
        batch_op.drop_index('uq_supervision_waitlist_live', sqlite_where=sa.text(ON_LIST), postgresql_where=sa.text(ON_LIST))
        batch_op.drop_index(batch_op.f('ix_supervision_waitlist_slot_id'))
        batch_op.drop_index('ix_supervision_waitlist_status_expires')
        batch_op.drop_index('ix_supervision_waitlist_mediator_status')

    op.drop_table('supervision_waitlist')
