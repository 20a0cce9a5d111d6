"""Reactions: a small fixed set (👍 ❤️ 🙏 💡), one of each per person per post, toggled."""

from collections import defaultdict

from sqlalchemy import bindparam, case, delete, func, select
from sqlalchemy.orm import Session

from mediator_portal import realtime, signals
from mediator_portal.forums.models import REACTIONS, Post, Reaction
from mediator_portal.forums.services import access
from mediator_portal.forums.services.errors import NotFound, PostUnavailable, UnknownReaction


def toggle_reaction(session: Session, post: Post, *, user, kind: str) -> bool:
    """Add `user`'s reaction `kind` to `post`, or take it back; True when it is now on.

    Raises UnknownReaction (kind not in the set), NotFound (invisible post),
    PostUnavailable (deleted or hidden post).
    """
    if kind not in REACTIONS:
        raise UnknownReaction()
    if not access.can_view_post(user, post):
        raise NotFound()
    if post.deleted or post.hidden:
        raise PostUnavailable()
    removed = session.execute(
        delete(Reaction).where(
            Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
        )
    ).rowcount
    if not removed:
        session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
        signals.send(
            signals.reaction_added, session=session, post_id=post.id, user_id=user.id, kind=kind
        )
    session.flush()
    realtime.publish(
        "reactions_changed",
        {"topic_id": post.topic_id, "post_id": post.id},
        to=access.topic_room(post.topic_id),
        session=session,
    )
    return not removed


# Built once (building costs about as much as running it); ids bound per call. Table columns,
# not ORM attributes: the rows are plain values, and Core statements skip the ORM's setup.
_REACTIONS = Reaction.__table__.c
SUMMARY_STATEMENT = (
    select(
        _REACTIONS.post_id,
        _REACTIONS.kind,
        func.count(),
        func.max(case((_REACTIONS.user_id == bindparam("user_id"), 1), else_=0)),
    )
    .where(_REACTIONS.post_id.in_(bindparam("post_ids", expanding=True)))
    .group_by(_REACTIONS.post_id, _REACTIONS.kind)
)


def reaction_summary(
    session: Session, user, post_ids: list[int]
) -> tuple[dict[int, dict[str, int]], dict[int, set[str]]]:
    """({post id: {kind: count}}, {post id: kinds `user` gave}) for the given posts (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    mine: dict[int, set[str]] = defaultdict(set)
    if post_ids:
        rows = session.execute(SUMMARY_STATEMENT, {"user_id": user.id, "post_ids": post_ids})
        for post_id, kind, count, by_user in rows:
            counts[post_id][kind] = count
            if by_user:
                mine[post_id].add(kind)
    return counts, mine
