"""E-mail preferences (per kind: immediately, in the daily digest, never), the digest hour
and the pause; and the seam the e-mail jobs call.

Sending is not done here: a job (the job queue, issue 11 point 1) calls `immediate_email`
for each id of `signals.notifications_created` and `digest_items` at each person's digest
hour, and sends what they return. Both check anew that the person may still read the target.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.notifications.models import EmailPreference, Notification, NotificationSettings
from mediator_portal.notifications.services.kinds import (
    DIGEST,
    IMMEDIATELY,
    KINDS,
    NEVER,
    sends_now,
)
from mediator_portal.notifications.services.listing import Item, visible_items
from mediator_portal.notifications.services.targets import (
    Target,
    excerpt_of,
    load_targets,
    resolve_row,
)

DEFAULT_DIGEST_HOUR = 7
MAX_PAUSE_DAYS = 365


@dataclass(frozen=True)
class Preferences:
    """A person's e-mail choices: {kind: delivery}, the digest hour, the pause's end."""

    deliveries: dict[str, str]
    digest_hour: int
    paused_until: datetime | None

    @property
    def paused(self) -> bool:
        return self.paused_until is not None and self.paused_until > utcnow()


def preferences(session: Session, user_id: int) -> Preferences:
    """`user_id`'s choices, the defaults filled in (two queries)."""
    chosen = dict(
        session.execute(
            select(EmailPreference.kind, EmailPreference.delivery).where(
                EmailPreference.user_id == user_id
            )
        ).all()
    )
    settings = session.get(NotificationSettings, user_id)
    deliveries = {name: chosen.get(name, kind.delivery) for name, kind in KINDS.items()}
    return Preferences(
        deliveries,
        settings.digest_hour if settings else DEFAULT_DIGEST_HOUR,
        settings.paused_until if settings else None,
    )


def save_preferences(
    session: Session, user_id: int, deliveries: dict[str, str], digest_hour: int, pause_days: int
) -> None:
    """Store the choices (defaults are not stored). `pause_days` > 0 pauses e-mail from now,
    0 ends a pause. Raises ValueError on an unknown kind or delivery or an hour out of range
    (the form checks them first)."""
    if not 0 <= digest_hour <= 23 or not 0 <= pause_days <= MAX_PAUSE_DAYS:
        raise ValueError("digest hour or pause out of range")
    session.execute(delete(EmailPreference).where(EmailPreference.user_id == user_id))
    for name, delivery in deliveries.items():
        if name not in KINDS or delivery not in (IMMEDIATELY, DIGEST, NEVER):
            raise ValueError(f"unknown kind or delivery {name!r}: {delivery!r}")
        if delivery != KINDS[name].delivery:
            session.add(EmailPreference(user_id=user_id, kind=name, delivery=delivery))
    settings = session.get(NotificationSettings, user_id)
    if settings is None:
        settings = NotificationSettings(user_id=user_id)
        session.add(settings)
    settings.digest_hour = digest_hour
    settings.paused_until = utcnow() + timedelta(days=pause_days) if pause_days else None
    session.flush()


@dataclass(frozen=True)
class Email:
    """What an immediate e-mail says. `sensitive`: title and link only, never the text
    (`excerpt` is then empty)."""

    recipient_id: int
    email: str
    locale: str
    kind: str
    item: Item
    sensitive: bool
    target: Target | None = None
    excerpt: str = ""


def immediate_email(session: Session, notification_id: int) -> Email | None:
    """The e-mail to send now for one notification, or None: read already, the kind not set
    to "immediately" (an urgent kind: not "never", `kinds.sends_now`), e-mail paused, the
    account inactive, or the target no longer readable. Sensitive: no excerpt. (The job
    adds Discourse's "seen on the site in the last 10 minutes" rule, `seen_recently`.)"""
    row = session.scalar(
        select(Notification)
        .options(joinedload(Notification.actor))
        .where(Notification.id == notification_id)
    )
    if row is None or row.read_at is not None:
        return None
    person = session.get(User, row.recipient_id)
    if person is None or not person.active:
        return None
    choices = preferences(session, person.id)
    if choices.paused or not sends_now(row.kind, choices.deliveries.get(row.kind)):
        return None
    target = Target(row.target_type, row.target_id)
    loaded = load_targets(session, [target])
    if target not in loaded:
        return None
    seen = resolve_row(person, target, loaded[target])
    items = visible_items(session, person, [row])
    if not seen.readable or not items:
        return None
    excerpt = "" if seen.sensitive else excerpt_of(target, loaded[target])
    return Email(
        person.id,
        person.email,
        person.locale,
        row.kind,
        items[0],
        seen.sensitive,
        target,
        excerpt,
    )


def digest_rows(session: Session, user, since: datetime | None) -> list[Notification]:
    """The unread notifications of `user` since `since` whose kind goes to the digest (not
    the urgent kinds, e-mailed at once), by topic, newest first; empty when e-mail is
    paused. Whether they may still be read is not checked here (see `digest_items`)."""
    choices = preferences(session, user.id)
    kinds = [
        name
        for name, delivery in choices.deliveries.items()
        if delivery == DIGEST and not sends_now(name, delivery)
    ]
    if choices.paused or not kinds:
        return []
    query = (
        select(Notification)
        .options(joinedload(Notification.actor))
        .where(
            Notification.recipient_id == user.id,
            Notification.read_at.is_(None),
            Notification.kind.in_(kinds),
        )
        .order_by(Notification.topic_id, Notification.created_at.desc())
    )
    if since is not None:
        query = query.where(Notification.created_at > since)
    return list(session.scalars(query))


def digest_items(session: Session, user, since: datetime | None) -> list[Item]:
    """The unread notifications of `user` since `since` whose kind goes to the digest and
    that they may still read, newest first (empty when e-mail is paused)."""
    return visible_items(session, user, digest_rows(session, user, since))
