"""Reactions: a small fixed set (👍 ❤️ 🙏 💡), one of each per person per post, toggled."""

from collections import defaultdict

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mediator_portal import realtime
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
    session.flush()
    realtime.publish(
        "reactions_changed",
        {"topic_id": post.topic_id, "post_id": post.id},
        to=access.topic_room(post.topic_id),
        session=session,
    )
    return not removed


def reaction_counts(session: Session, post_ids: list[int]) -> dict[int, dict[str, int]]:
    """{post id: {kind: count}} for the given posts (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if post_ids:
        rows = session.execute(
            select(Reaction.post_id, Reaction.kind, func.count())
            .where(Reaction.post_id.in_(post_ids))
            .group_by(Reaction.post_id, Reaction.kind)
        )
        for post_id, kind, count in rows:
            counts[post_id][kind] = count
    return counts


def reactions_of(session: Session, user, post_ids: list[int]) -> set[tuple[int, str]]:
    """{(post id, kind)} that `user` has given among the given posts (one query)."""
    if not post_ids:
        return set()
    rows = session.execute(
        select(Reaction.post_id, Reaction.kind).where(
            Reaction.user_id == user.id, Reaction.post_id.in_(post_ids)
        )
    )
    return {(post_id, kind) for post_id, kind in rows}
