"""A person's notifications: the list (paginated, by kind), and marking them read.

The list runs a fixed number of queries whatever it holds: the page of rows with their
actors, then one query per target type for what they point at. Rows whose target the
person may no longer read (or that no longer exists) are left out.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from mediator_portal import pagination
from mediator_portal.database import utcnow
from mediator_portal.notifications.models import Notification
from mediator_portal.notifications.services.creating import publish_counts
from mediator_portal.notifications.services.errors import NotFound
from mediator_portal.notifications.services.kinds import KINDS
from mediator_portal.notifications.services.targets import (
    Link,
    Target,
    load_targets,
    resolve_row,
)

PER_PAGE = 20


@dataclass(frozen=True)
class Item:
    """One notification ready to show."""

    id: int
    kind: str
    actor_name: str | None
    others: int  # how many more people (grouped reactions)
    title: str
    link: Link
    detail: str
    created_at: datetime
    unread: bool

    @property
    def detail_text(self) -> tuple[object, str]:
        """(label, text) of the detail, as its kind shows it (kinds.Kind.detail_text)."""
        return KINDS[self.kind].detail_text(self.detail)

    @property
    def url(self) -> str:
        """The target's URL (needs a request, or SERVER_NAME in a job)."""
        return self.link.url


@dataclass
class Page(pagination.Page):
    """One page of the list (`items` are Items)."""

    # Unread rows on this page whose target the viewer may no longer read: not shown, and
    # to be marked read (`mark_lost_read`) so that the unread count leaves them out too.
    lost_unread: tuple[int, ...] = ()


def visible_items(session: Session, viewer, rows: list[Notification]) -> list[Item]:
    """`rows` as `viewer` may see them, those they may no longer read left out."""
    return _sorted_out(session, viewer, rows)[0]


def _sorted_out(session: Session, viewer, rows: list[Notification]) -> tuple[list[Item], list[int]]:
    """(the items `viewer` may see, the ids of the unread rows they may no longer read)."""
    found = load_targets(session, (Target(row.target_type, row.target_id) for row in rows))
    items, lost = [], []
    for row in rows:
        target = Target(row.target_type, row.target_id)
        seen = resolve_row(viewer, target, found[target]) if target in found else None
        if seen is None or not seen.readable:
            if row.read_at is None:
                lost.append(row.id)
            continue
        items.append(
            Item(
                id=row.id,
                kind=row.kind,
                actor_name=row.actor.name if row.actor else None,
                others=row.actor_count - 1,
                title=seen.title,
                link=seen.link,
                detail=row.detail,
                created_at=row.created_at,
                unread=row.read_at is None,
            )
        )
    return items, lost


def notification_page(session: Session, viewer, page: int = 1, kind: str | None = None) -> Page:
    """Page `page` of `viewer`'s notifications, newest first, of one `kind` or all.
    Raises NotFound for a page past the end (the first page always exists)."""
    where = [Notification.recipient_id == viewer.id]
    if kind:
        where.append(Notification.kind == kind)
    total = session.scalar(select(func.count()).select_from(Notification).where(*where))
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    if page < 1 or page > pages:
        raise NotFound()
    rows = list(
        session.scalars(
            select(Notification)
            .options(joinedload(Notification.actor))
            .where(*where)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(PER_PAGE)
            .offset((page - 1) * PER_PAGE)
        )
    )
    items, lost = _sorted_out(session, viewer, rows)
    return Page(page=page, pages=pages, items=items, total=total, lost_unread=tuple(lost))


def notification_url(session: Session, viewer, notification_id: int) -> str:
    """Where one of `viewer`'s notifications points (nothing changes).
    Raises NotFound when it is not theirs or they may no longer read its target."""
    row = session.scalar(
        select(Notification)
        .options(joinedload(Notification.actor))
        .where(Notification.id == notification_id, Notification.recipient_id == viewer.id)
    )
    if row is None:
        raise NotFound()
    items = visible_items(session, viewer, [row])
    if not items:
        raise NotFound()
    return items[0].url


def open_notification(session: Session, viewer, notification_id: int) -> str:
    """Mark one of `viewer`'s notifications read and return where it points.
    Raises NotFound when it is not theirs or they may no longer read its target."""
    url = notification_url(session, viewer, notification_id)
    mark_read(session, viewer, notification_id)
    return url


def mark_read(session: Session, viewer, notification_id: int) -> None:
    """Mark one of `viewer`'s notifications read. Raises NotFound when it is not theirs."""
    found = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.recipient_id == viewer.id)
        .values(read_at=func.coalesce(Notification.read_at, utcnow())),
        execution_options={"synchronize_session": False},
    ).rowcount
    if not found:
        raise NotFound()
    publish_counts(session, [viewer.id])


def mark_all_read(session: Session, viewer) -> int:
    """Mark all of `viewer`'s notifications read; returns how many were unread."""
    count = session.execute(
        update(Notification)
        .where(Notification.recipient_id == viewer.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()),
        execution_options={"synchronize_session": False},
    ).rowcount
    publish_counts(session, [viewer.id])
    return count


def mark_lost_read(session: Session, viewer, ids: tuple[int, ...] | list[int]) -> None:
    """Mark read the notifications `ids` of `viewer` that they may no longer read (found by
    the list), and send them their new unread count."""
    session.execute(
        update(Notification)
        .where(
            Notification.id.in_(list(ids)),
            Notification.recipient_id == viewer.id,
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    publish_counts(session, [viewer.id])
