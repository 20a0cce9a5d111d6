"""training: attendance of sessions (present, absent, excused)

Revision ID: 0014_training_attendance
Revises: 0013_post_attachments
Create Date: 2026-12-03 08:20:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0014_training_attendance'
down_revision = '0013_post_attachments'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'training_attendance',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('marked_by_id', sa.Integer(), nullable=True),
        sa.Column('marked_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('present', 'absent', 'excused')",
            name=op.f('ck_training_attendance_known_status'),
        ),
        sa.ForeignKeyConstraint(
            ['marked_by_id'], ['users.id'],
            name=op.f('fk_training_attendance_marked_by_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['session_id'], ['training_sessions.id'],
            name=op.f('fk_training_attendance_session_id_training_sessions'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'],
            name=op.f('fk_training_attendance_user_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('session_id', 'user_id', name=op.f('pk_training_attendance')),
    )
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.create_index(
            'ix_training_attendance_user_status', ['user_id', 'status'], unique=False
        )


def downgrade():
    with op.batch_alter_table('training_attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_training_attendance_user_status')
    op.drop_table('training_attendance')
