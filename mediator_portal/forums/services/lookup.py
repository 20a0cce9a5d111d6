"""The board's rows by id, for other features (notifications) that must tell what they are
and who may read them: one query per call whatever the number of ids. No access check
here: callers check each viewer with the predicates of `access`."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts.services import User
from mediator_portal.forums.models import Category, Post, Topic


def posts_by_id(session: Session, ids: Iterable[int]) -> dict[int, Post]:
    """{id: Post} with each post's topic and category loaded (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {post.id: post for post in session.scalars(select(Post).where(Post.id.in_(wanted)))}


def topics_by_id(session: Session, ids: Iterable[int]) -> dict[int, Topic]:
    """{id: Topic} with each topic's category loaded (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.scalars(select(Topic).where(Topic.id.in_(wanted)))
    return {topic.id: topic for topic in rows}


def categories_by_id(session: Session, ids: Iterable[int]) -> dict[int, Category]:
    """{id: Category} (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.scalars(select(Category).where(Category.id.in_(wanted)))
    return {category.id: category for category in rows}


def posters_named(session: Session, topic_id: int, names: Iterable[str]) -> dict[str, int]:
    """{name: user id} of the people called one of `names` who wrote in topic `topic_id`
    (a quote names its author: `text.quote_markdown`); a name two posters share is left out."""
    wanted = set(names)
    if not wanted:
        return {}
    rows = session.execute(
        select(User.name, User.id)
        .join(Post, Post.author_id == User.id)
        .where(Post.topic_id == topic_id, User.name.in_(wanted))
        .distinct()
    ).all()
    found: dict[str, int] = {}
    shared = set()
    for name, user_id in rows:
        if name in found:
            shared.add(name)
        found[name] = user_id
    return {name: user_id for name, user_id in found.items() if name not in shared}
