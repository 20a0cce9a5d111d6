"""`notify`: the one way any feature creates notifications.

A fixed number of statements whatever the number of recipients (the people, the target,
their levels, the grouped rows, one bulk insert, the new unread counts), so a reply in a
topic everyone watches costs the same as one with a single watcher.
"""

from collections.abc import Iterable

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from mediator_portal import realtime, signals
from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.notifications.models import DETAIL_MAX, Notification
from mediator_portal.notifications.services.kinds import KINDS
from mediator_portal.notifications.services.targets import (
    RESOLVERS,
    Target,
    load_targets,
    resolve_row,
)
from mediator_portal.notifications.services.watching import MUTED, effective_levels, post_level

BADGE_EVENT = "notifications_count"


def _actor_id(actor) -> int | None:
    return actor if isinstance(actor, int) or actor is None else actor.id


def notify(
    session: Session,
    recipients: Iterable[int],
    kind: str,
    target: Target,
    actor=None,
    *,
    detail: str = "",
) -> list[int]:
    """Tell `recipients` (user ids) that `actor` (a User, an id or None) did `kind` to `target`.

    Skips the actor, inactive accounts, people who muted the target's topic or category
    (for mutable kinds) and people who may not read the target. A grouped kind joins the
    recipient's unread notification on the same target (actor_count + 1). After the commit,
    each recipient's own Socket.IO room gets their new unread count, and
    `signals.notifications_created` is sent. Returns the ids of the rows made or renewed.
    Raises KeyError for an unknown kind.
    """
    spec = KINDS[kind]
    actor_id = _actor_id(actor)
    wanted = set(recipients) - {actor_id}
    if not wanted:
        return []
    row = load_targets(session, [target]).get(target)
    if row is None:
        return []
    people = session.scalars(select(User).where(User.id.in_(wanted), User.active.is_(True)))
    readable = {}
    for person in people:
        seen = resolve_row(person, target, row)
        if seen.readable:
            readable[person.id] = seen
    if not readable:
        return []
    context = next(iter(readable.values()))
    if spec.mutable:
        levels = effective_levels(session, context.topic_id, context.category_id, readable)
        for user_id, pair in levels.items():
            if post_level(pair) == MUTED:
                readable.pop(user_id, None)
    ids = _store(session, spec, sorted(readable), target, context, actor_id, detail)
    if ids:
        publish_counts(session, list(readable))
        signals.send(
            signals.notifications_created,
            session=session,
            notification_ids=ids,
            recipient_ids=sorted(readable),
            kind=kind,
        )
    return ids


def _store(session, spec, recipient_ids, target, context, actor_id, detail) -> list[int]:
    if not recipient_ids:
        return []
    now = utcnow()
    group_key = f"{spec.name}:{target.type}:{target.id}" if spec.grouped else None
    renewed: dict[int, int] = {}
    if group_key:
        renewed = dict(
            session.execute(
                select(Notification.recipient_id, Notification.id).where(
                    Notification.recipient_id.in_(recipient_ids),
                    Notification.group_key == group_key,
                    Notification.read_at.is_(None),
                )
            ).all()
        )
        if renewed:
            session.execute(
                update(Notification)
                .where(Notification.id.in_(list(renewed.values())))
                .values(
                    actor_id=actor_id,
                    actor_count=Notification.actor_count + 1,
                    created_at=now,
                ),
                execution_options={"synchronize_session": False},
            )
    rows = [
        {
            "recipient_id": user_id,
            "kind": spec.name,
            "actor_id": actor_id,
            "target_type": target.type,
            "target_id": target.id,
            "topic_id": context.topic_id,
            "category_id": context.category_id,
            "group_key": group_key,
            "actor_count": 1,
            "detail": (detail or "")[:DETAIL_MAX],
            "created_at": now,
        }
        for user_id in recipient_ids
        if user_id not in renewed
    ]
    made = (
        list(session.scalars(insert(Notification).returning(Notification.id), rows)) if rows else []
    )
    return sorted(made + list(renewed.values()))


def still_readable(role: ColumnElement[str]) -> ColumnElement[bool]:
    """SQL: the notification's target still exists and a person of `role` may read it (each
    target type's `readable_sql`; a type without one counts as readable)."""
    checked = {name: r.readable_sql for name, r in RESOLVERS.items() if r.readable_sql}
    return or_(
        Notification.target_type.not_in(list(checked)),
        *(
            and_(Notification.target_type == name, rule(Notification.target_id, role))
            for name, rule in checked.items()
        ),
    )


def unread_count(session: Session, user) -> int:
    """How many notifications `user` has not read and may still read (one query, the
    navigation's count: its statement is built once per role and set of target types)."""
    key = (user.role, frozenset(RESOLVERS))
    statement = _UNREAD_STATEMENTS.get(key)
    if statement is None:
        statement = _UNREAD_STATEMENTS[key] = select(nav_count(user.role)[UNREAD_NAV_COUNT])
    return session.connection().execute(statement, {"viewer_id": user.id}).scalar_one()


# Built once: a statement with the access rules of every target type cost as much to build
# as a whole page (12.6M instructions per request of unread.json, 2026-12-03).
_UNREAD_STATEMENTS: dict[tuple, Select] = {}


UNREAD_NAV_COUNT = "notifications_unread"


def nav_count(role: str) -> dict[str, ColumnElement[int]]:
    """The navigation's count provider (features.NavEntry.count): the viewer's unread
    notifications that a person of `role` may still read (`:viewer_id`), a scalar subquery
    of the page's one count statement."""
    unread = (
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.recipient_id == bindparam("viewer_id"),
            Notification.read_at.is_(None),
            still_readable(literal(role)),
        )
        .scalar_subquery()
    )
    return {UNREAD_NAV_COUNT: unread}


def publish_counts(session: Session, user_ids: list[int]) -> None:
    """Queue each person's new unread count for their own room (one query for all)."""
    counts = dict(
        session.execute(
            select(Notification.recipient_id, func.count())
            .join(User, User.id == Notification.recipient_id)
            .where(
                Notification.recipient_id.in_(user_ids),
                Notification.read_at.is_(None),
                still_readable(User.role),
            )
            .group_by(Notification.recipient_id)
        ).all()
    )
    for user_id in user_ids:
        realtime.publish(
            BADGE_EVENT,
            {"unread": counts.get(user_id, 0)},
            to=realtime.user_room(user_id),
            session=session,
        )
