"""training: a session can be cancelled (when, why), and stays shown as cancelled

Revision ID: 0017_training_session_cancel
Revises: 0016_training_material
Create Date: 2026-12-03 10:00:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0017_training_session_cancel'
down_revision = '0016_training_material'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'cancelled_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True
        ))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_at')
