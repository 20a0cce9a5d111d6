"""Helpers for the notification tests: the rows a person has, by kind."""

from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification


def rows_of(user) -> list[Notification]:
    """Every notification of `user`, oldest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.id)
            .execution_options(populate_existing=True)
        )
    )


def kinds_of(user) -> list[str]:
    return [row.kind for row in rows_of(user)]
