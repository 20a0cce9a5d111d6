"""Notification tables: what happened for whom, what people watch, how they want e-mail.

`Notification` is one row per person per event (reactions to one post are grouped on one
unread row by `group_key`, `actor_count` counting the people). `Watch` holds a person's
level for one topic or category; no row means the default ("normal"). `EmailPreference`
holds only the kinds a person changed from the defaults; `NotificationSettings` the digest
hour and the pause.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mediator_portal.accounts.services import User
from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db

KIND_MAX = 32
DETAIL_MAX = 500


class Notification(db.Model):
    """Something `recipient` should hear of: `kind` done by `actor` to target (type, id)."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The unread count (recipient, unread) and the list (recipient, newest first).
        Index("ix_notifications_recipient_unread", "recipient_id", "read_at"),
        Index("ix_notifications_recipient_created", "recipient_id", "created_at"),
        Index("ix_notifications_group", "recipient_id", "group_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(KIND_MAX))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    target_type: Mapped[str] = mapped_column(String(KIND_MAX))
    target_id: Mapped[int] = mapped_column(Integer)
    # Context for grouping, muting and digests ("grouped by topic"); no foreign keys: the
    # board's rows belong to another feature.
    topic_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer)
    group_key: Mapped[str | None] = mapped_column(String(64))
    actor_count: Mapped[int] = mapped_column(Integer, default=1)
    detail: Mapped[str] = mapped_column(String(DETAIL_MAX), default="")  # a moderator's reason
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


class Watch(db.Model):
    """How closely `user` follows one topic or category (`level`, see services.watching)."""

    __tablename__ = "notification_watches"
    __table_args__ = (
        UniqueConstraint("user_id", "target_type", "target_id", name="uq_notification_watches"),
        Index("ix_notification_watches_target", "target_type", "target_id", "level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(16))  # "topic" or "category"
    target_id: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(24))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class EmailPreference(db.Model):
    """How `user` wants e-mail about `kind`: "immediately", "digest" or "never"."""

    __tablename__ = "notification_email_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(KIND_MAX), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(16))


class NotificationSettings(db.Model):
    """A person's digest hour (Athens time) and e-mail pause."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    digest_hour: Mapped[int] = mapped_column(Integer, default=7)
    paused_until: Mapped[datetime | None]
    last_digest_at: Mapped[datetime | None]
