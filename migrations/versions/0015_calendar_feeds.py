"""calendar: personal feeds (token hashed and encrypted); training sessions' SEQUENCE

Revision ID: 0015_calendar_feeds
Revises: 0014_training_attendance
Create Date: 2026-12-03 09:30:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0015_calendar_feeds'
down_revision = '0014_training_attendance'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'calendar_feeds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('token', sa.Text(), nullable=False),
        sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'],
            name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash')),
        sa.UniqueConstraint('user_id', name=op.f('uq_calendar_feeds_user_id')),
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('sequence', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_column('sequence')
    op.drop_table('calendar_feeds')
