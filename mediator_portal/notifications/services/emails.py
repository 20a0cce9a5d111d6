"""What the e-mail jobs (`notifications/jobs.py`) decide before sending: who gets an e-mail at
once, Discourse's "already seen on the site" rule, and the daily digest grouped by topic.

Immediate e-mail: a notification is queued when its person wants its kind "immediately" (an
urgent kind also when they chose the digest; "never" always wins) and has not paused e-mail;
the job asks `immediate_email` again when it runs (read since, preferences changed, access
lost) and then `seen_recently`. Sensitive categories: title and link only, never an excerpt.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import LoginSession, User
from mediator_portal.database import utcnow
from mediator_portal.notifications.models import EmailPreference, Notification, NotificationSettings
from mediator_portal.notifications.services.kinds import KINDS, sends_now
from mediator_portal.notifications.services.listing import Item, visible_items
from mediator_portal.notifications.services.preferences import Email, digest_rows
from mediator_portal.notifications.services.targets import (
    Link,
    Target,
    excerpt_of,
    load_targets,
    resolve_row,
    seen_on_site,
)

# Discourse's rule: someone active on the site this recently who has already read what a
# notification points at gets no immediate e-mail for it.
ACTIVE_WINDOW = timedelta(minutes=10)


def immediate_candidates(session: Session, notification_ids: list[int], kind: str) -> list[int]:
    """Of `notification_ids` (all of `kind`), the unread ones whose person wants an e-mail now
    and has not paused e-mail (one query whatever the number)."""
    spec = KINDS.get(kind)
    if spec is None or not notification_ids:
        return []
    chosen, settings = EmailPreference, NotificationSettings
    rows = session.execute(
        select(Notification.id, chosen.delivery, settings.paused_until)
        .outerjoin(chosen, and_(chosen.user_id == Notification.recipient_id, chosen.kind == kind))
        .outerjoin(settings, settings.user_id == Notification.recipient_id)
        .where(Notification.id.in_(notification_ids), Notification.read_at.is_(None))
        .order_by(Notification.id)
    ).all()
    now = utcnow()
    return [
        notification_id
        for notification_id, delivery, paused_until in rows
        if (paused_until is None or paused_until <= now)
        and sends_now(kind, delivery or spec.delivery)
    ]


def last_active(session: Session, user_id: int) -> datetime | None:
    """When `user_id` was last seen on the site: the newest `last_seen_at` of their live login
    sessions (noted every few minutes, accounts.services.sessions.SEEN_RESOLUTION)."""
    return session.scalar(
        select(func.max(LoginSession.last_seen_at)).where(
            LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None)
        )
    )


def seen_recently(session: Session, email: Email, now: datetime | None = None) -> bool:
    """True when the person of `email` was active on the site within ACTIVE_WINDOW of `now`
    and has already read its target there (the board's read state: read up to that post)."""
    now = now or utcnow()
    active = last_active(session, email.recipient_id)
    if active is None or active < now - ACTIVE_WINDOW or email.target is None:
        return False
    person = session.get(User, email.recipient_id)
    row = load_targets(session, [email.target]).get(email.target)
    if person is None or row is None:
        return False
    return seen_on_site(session, person, email.target, row)


@dataclass(frozen=True)
class DigestEntry:
    """One notification of the digest; `excerpt` empty for a sensitive category."""

    item: Item
    excerpt: str


@dataclass
class DigestTopic:
    """The digest's entries about one topic (or another target), newest first."""

    title: str
    link: Link
    sensitive: bool
    entries: list[DigestEntry] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({entry.item.kind for entry in self.entries})


def digest_topics(session: Session, user, since: datetime | None) -> list[DigestTopic]:
    """`user`'s digest: the unread digest notifications since `since` that they may still
    read, grouped by topic (the topic with the newest first). Empty: nothing to send."""
    rows = digest_rows(session, user, since)
    items = visible_items(session, user, rows)
    if not items:
        return []
    by_id = {row.id: row for row in rows}
    found = load_targets(session, (Target(row.target_type, row.target_id) for row in rows))
    groups: dict[object, DigestTopic] = {}
    for item in sorted(items, key=lambda item: (item.created_at, item.id), reverse=True):
        row = by_id[item.id]
        target = Target(row.target_type, row.target_id)
        seen = resolve_row(user, target, found[target])
        key = seen.topic_id or target
        group = groups.get(key)
        if group is None:
            group = groups[key] = DigestTopic(seen.title, item.link, seen.sensitive)
        group.sensitive = group.sensitive or seen.sensitive
        excerpt = "" if seen.sensitive else excerpt_of(target, found[target])
        group.entries.append(DigestEntry(item, excerpt))
    for group in groups.values():
        if group.sensitive:  # one sensitive entry: the whole topic carries no text
            group.entries = [DigestEntry(entry.item, "") for entry in group.entries]
    return list(groups.values())
