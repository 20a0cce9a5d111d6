"""notifications: notifications, watches, e-mail preferences and settings

Revision ID: 0008_notifications
Revises: 0007_topic_created_index
Create Date: 2026-12-02 22:40:00

"""
import sqlalchemy as sa
from alembic import op

import mediator_portal.database

# revision identifiers, used by Alembic.
revision = '0008_notifications'
down_revision = '0007_topic_created_index'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('target_type', sa.String(length=32), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('topic_id', sa.Integer(), nullable=True),
        sa.Column('category_id', sa.Integer(), nullable=True),
        sa.Column('group_key', sa.String(length=64), nullable=True),
        sa.Column('actor_count', sa.Integer(), nullable=False),
        sa.Column('detail', sa.String(length=500), nullable=False),
        sa.Column('created_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column('read_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_notifications_recipient_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    op.create_index('ix_notifications_recipient_unread', 'notifications', ['recipient_id', 'read_at'])
    op.create_index('ix_notifications_recipient_created', 'notifications', ['recipient_id', 'created_at'])
    op.create_index('ix_notifications_group', 'notifications', ['recipient_id', 'group_key'])
    op.create_table(
        'notification_watches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('target_type', sa.String(length=16), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=24), nullable=False),
        sa.Column('updated_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_watches_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_watches')),
        sa.UniqueConstraint('user_id', 'target_type', 'target_id', name='uq_notification_watches'),
    )
    op.create_index('ix_notification_watches_target', 'notification_watches', ['target_type', 'target_id', 'level'])
    op.create_table(
        'notification_email_preferences',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('delivery', sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_email_preferences_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_email_preferences')),
    )
    op.create_table(
        'notification_settings',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('digest_hour', sa.Integer(), nullable=False),
        sa.Column('paused_until', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column('last_digest_at', mediator_portal.database.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_settings_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_settings')),
    )


def downgrade():
    op.drop_table('notification_settings')
    op.drop_table('notification_email_preferences')
    op.drop_index('ix_notification_watches_target', table_name='notification_watches')
    op.drop_table('notification_watches')
    op.drop_index('ix_notifications_group', table_name='notifications')
    op.drop_index('ix_notifications_recipient_created', table_name='notifications')
    op.drop_index('ix_notifications_recipient_unread', table_name='notifications')
    op.drop_table('notifications')
