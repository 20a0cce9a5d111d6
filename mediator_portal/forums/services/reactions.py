"""Reactions: a small fixed set (👍 ❤️ 🙏 💡), one of each per person per post, toggled."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import bindparam, case, delete, func, select
from sqlalchemy.orm import Session

from mediator_portal import realtime, signals
from mediator_portal.accounts.services import User
from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.forums.models import REACTIONS, Post, Reaction
from mediator_portal.forums.services import access
from mediator_portal.forums.services.errors import NotFound, PostUnavailable, UnknownReaction


def toggle_reaction(
    session: Session, post: Post, *, user, kind: str, on: bool | None = None
) -> bool:
    """Set `user`'s reaction `kind` on `post` (`on` True or False), or toggle it (`on` None);
    True when it is now on. Safe when two tabs send it at the same instant: at most one row,
    and a set state is the same however often it is sent.

    Raises UnknownReaction (kind not in the set), NotFound (invisible post),
    PostUnavailable (deleted or hidden post).
    """
    if kind not in REACTIONS:
        raise UnknownReaction()
    if not access.can_view_post(user, post):
        raise NotFound()
    if post.deleted or post.hidden:
        raise PostUnavailable()
    removed = 0
    if not on:
        removed = session.execute(
            delete(Reaction).where(
                Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
            )
        ).rowcount
    if on is False or (on is None and removed):
        on = False
    else:
        on = True
        # RETURNING, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT DO NOTHING.
        added = session.execute(
            dialect_insert(session, Reaction)
            .values(post_id=post.id, user_id=user.id, kind=kind, created_at=utcnow())
            .on_conflict_do_nothing()
            .returning(Reaction.post_id)
        ).first()
        if added is not None:
            signals.send(
                signals.reaction_added, session=session, post_id=post.id, user_id=user.id, kind=kind
            )
    realtime.publish(
        "reactions_changed",
        {"topic_id": post.topic_id, "post_id": post.id},
        to=access.topic_room(post.topic_id),
        session=session,
    )
    return on


# Built once (building costs about as much as running it); ids bound per call. Table columns,
# not ORM attributes: the rows are plain values, and Core statements skip the ORM's setup.
# One row per reaction shown by name (the first NAMES_SHOWN of each kind on each post), each
# with its kind's count and whether the viewer gave it: one query whatever the counts.
NAMES_SHOWN = 10
_REACTIONS = Reaction.__table__.c
_USERS = User.__table__.c
_KIND = (_REACTIONS.post_id, _REACTIONS.kind)
_RANKED = (
    select(
        _REACTIONS.post_id,
        _REACTIONS.kind,
        _USERS.name,
        func.count().over(partition_by=_KIND).label("total"),
        func.max(case((_REACTIONS.user_id == bindparam("user_id"), 1), else_=0))
        .over(partition_by=_KIND)
        .label("mine"),
        func.row_number()
        .over(partition_by=_KIND, order_by=(_REACTIONS.created_at, _REACTIONS.user_id))
        .label("rank"),
    )
    .join(User.__table__, _USERS.id == _REACTIONS.user_id)
    .where(_REACTIONS.post_id.in_(bindparam("post_ids", expanding=True)))
    .subquery()
)
SUMMARY_STATEMENT = (
    select(_RANKED.c.post_id, _RANKED.c.kind, _RANKED.c.name, _RANKED.c.total, _RANKED.c.mine)
    .where(_RANKED.c.rank <= NAMES_SHOWN)
    .order_by(_RANKED.c.post_id, _RANKED.c.kind, _RANKED.c.rank)
)


@dataclass
class ReactionSummary:
    """Per post id: {kind: count}, the kinds the viewer gave, {kind: first names}."""

    counts: dict[int, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    mine: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    names: dict[int, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))


def reaction_details(session: Session, user, post_ids: list[int]) -> ReactionSummary:
    """Counts, the viewer's own reactions and who reacted (the first `NAMES_SHOWN` of each
    kind) for the given posts, in one query."""
    summary = ReactionSummary()
    if post_ids:
        rows = session.execute(SUMMARY_STATEMENT, {"user_id": user.id, "post_ids": post_ids})
        for post_id, kind, name, total, by_user in rows:
            summary.counts[post_id][kind] = total
            summary.names[post_id].setdefault(kind, []).append(name)
            if by_user:
                summary.mine[post_id].add(kind)
    return summary


def reaction_summary(
    session: Session, user, post_ids: list[int]
) -> tuple[dict[int, dict[str, int]], dict[int, set[str]]]:
    """({post id: {kind: count}}, {post id: kinds `user` gave}) for the given posts (one query)."""
    summary = reaction_details(session, user, post_ids)
    return summary.counts, summary.mine
