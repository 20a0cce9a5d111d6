"""Who gets the daily digest now: the seam the digest job calls every hour.

A person's digest goes at their digest hour in Athens time (07:00 unless they chose
another), DST-correct: the hour is read on the Athens clock, so 07:00 is 05:00 UTC in
summer and 04:00 UTC in winter. `digest_due` lists the people whose hour it is and who have
not had this hour's digest; the job builds each with `digest_items`, sends it when it holds
something, and calls `digest_sent` in the same transaction as its own record of the send.
"""

from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.database import dialect_insert
from mediator_portal.notifications.models import NotificationSettings
from mediator_portal.notifications.services.preferences import DEFAULT_DIGEST_HOUR
from mediator_portal.timezones import to_local


def digest_slot(now: datetime) -> tuple[int, datetime]:
    """(the Athens hour of `now`, the UTC instant that hour began)."""
    # Athens is a whole number of hours from UTC (+2, +3 in summer): its hours begin when
    # UTC's do, and the autumn hour that happens twice is two slots, as it is two hours.
    return to_local(now).hour, now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def digest_due(session: Session, now: datetime) -> list[int]:
    """Ids of the active people whose digest hour it is at `now`, not paused, whose last
    digest was sent before this hour began (one query)."""
    hour, began = digest_slot(now)
    settings = NotificationSettings
    return list(
        session.scalars(
            select(User.id)
            .outerjoin(settings, settings.user_id == User.id)
            .where(
                User.active.is_(True),
                User.password_hash.is_not(None),
                func.coalesce(settings.digest_hour, DEFAULT_DIGEST_HOUR) == hour,
                or_(settings.paused_until.is_(None), settings.paused_until <= now),
                or_(settings.last_digest_at.is_(None), settings.last_digest_at < began),
            )
            .order_by(User.id)
        )
    )


def digest_sent(session: Session, user_id: int, at: datetime) -> None:
    """Record that `user_id`'s digest went at `at` (the next one lists what came after)."""
    session.execute(
        dialect_insert(session, NotificationSettings)
        .values(user_id=user_id, digest_hour=DEFAULT_DIGEST_HOUR, last_digest_at=at)
        .on_conflict_do_update(index_elements=["user_id"], set_={"last_digest_at": at})
    )


def last_digest(session: Session, user_id: int) -> datetime | None:
    """When `user_id`'s last digest went (None: never): `digest_items`' `since`."""
    return session.scalar(
        select(NotificationSettings.last_digest_at).where(NotificationSettings.user_id == user_id)
    )
