"""supervision: assignments (with history), groups, weekly series, slots with a seat counter, bookings

Revision ID: 0018_supervision
Revises: 0017_training_session_cancel
Create Date: 2026-12-03 09:20:25.389929

"""
from alembic import op
import sqlalchemy as sa

import mediator_portal.database


# revision identifiers, used by Alembic.
revision = '0018_supervision'
down_revision = '0017_training_session_cancel'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('supervision_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=False),
    sa.Column('started_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_supervision_assignments_assigned_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_supervision_assignments_mediator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supervisor_id'], ['users.id'], name=op.f('fk_supervision_assignments_supervisor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_assignments'))
    )
    with op.batch_alter_table('supervision_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_assignments_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_index('uq_supervision_assignments_current', ['mediator_id'], unique=True, sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))

    op.create_table('supervision_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['supervisor_id'], ['users.id'], name=op.f('fk_supervision_groups_supervisor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_groups'))
    )
    with op.batch_alter_table('supervision_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_groups_supervisor_id'), ['supervisor_id'], unique=False)

    op.create_table('supervision_series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=False),
    sa.Column('local_start', sa.Time(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('until_day', sa.Date(), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['supervisor_id'], ['users.id'], name=op.f('fk_supervision_series_supervisor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_series'))
    )
    op.create_table('supervision_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['supervision_groups.id'], name=op.f('fk_supervision_group_members_group_id_supervision_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_supervision_group_members_mediator_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'mediator_id', name=op.f('pk_supervision_group_members'))
    )
    with op.batch_alter_table('supervision_group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_group_members_mediator_id'), ['mediator_id'], unique=False)

    op.create_table('supervision_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('booked_count', sa.Integer(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('meeting_url', sa.String(length=500), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('starts_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('cancelled_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind <> 'individual' OR capacity = 1", name=op.f('ck_supervision_slots_individual_one_seat')),
    sa.CheckConstraint('booked_count >= 0 AND booked_count <= capacity', name=op.f('ck_supervision_slots_within_capacity')),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_supervision_slots_capacity_positive')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_supervision_slots_ends_after_start')),
    sa.ForeignKeyConstraint(['group_id'], ['supervision_groups.id'], name=op.f('fk_supervision_slots_group_id_supervision_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['series_id'], ['supervision_series.id'], name=op.f('fk_supervision_slots_series_id_supervision_series'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supervisor_id'], ['users.id'], name=op.f('fk_supervision_slots_supervisor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_slots'))
    )
    with op.batch_alter_table('supervision_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_slots_series_id'), ['series_id'], unique=False)
        batch_op.create_index('ix_supervision_slots_supervisor_starts', ['supervisor_id', 'starts_at'], unique=False)

    op.create_table('supervision_bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('booked', 'cancelled', 'cancelled_late', 'slot_cancelled')", name=op.f('ck_supervision_bookings_known_status')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_supervision_bookings_mediator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['slot_id'], ['supervision_slots.id'], name=op.f('fk_supervision_bookings_slot_id_supervision_slots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_bookings'))
    )
    with op.batch_alter_table('supervision_bookings', schema=None) as batch_op:
        batch_op.create_index('ix_supervision_bookings_mediator_status', ['mediator_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_bookings_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index('uq_supervision_bookings_live', ['slot_id', 'mediator_id'], unique=True, sqlite_where=sa.text("status = 'booked'"), postgresql_where=sa.text("status = 'booked'"))



def downgrade():
    with op.batch_alter_table('supervision_bookings', schema=None) as batch_op:
        batch_op.drop_index('uq_supervision_bookings_live', sqlite_where=sa.text("status = 'booked'"), postgresql_where=sa.text("status = 'booked'"))
        batch_op.drop_index(batch_op.f('ix_supervision_bookings_slot_id'))
        batch_op.drop_index('ix_supervision_bookings_mediator_status')

    op.drop_table('supervision_bookings')
    with op.batch_alter_table('supervision_slots', schema=None) as batch_op:
        batch_op.drop_index('ix_supervision_slots_supervisor_starts')
        batch_op.drop_index(batch_op.f('ix_supervision_slots_series_id'))

    op.drop_table('supervision_slots')
    with op.batch_alter_table('supervision_group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_group_members_mediator_id'))

    op.drop_table('supervision_group_members')
    op.drop_table('supervision_series')
    with op.batch_alter_table('supervision_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_groups_supervisor_id'))

    op.drop_table('supervision_groups')
    with op.batch_alter_table('supervision_assignments', schema=None) as batch_op:
        batch_op.drop_index('uq_supervision_assignments_current', sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_supervision_assignments_supervisor_id'))

    op.drop_table('supervision_assignments')
