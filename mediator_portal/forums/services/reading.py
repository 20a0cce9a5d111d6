"""Unread tracking: how far each person has read each topic, and "mark all read"."""

from functools import lru_cache

from sqlalchemy import bindparam, delete, func, insert, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mediator_portal.database import utcnow
from mediator_portal.forums.models import Category, Post, Topic, TopicRead
from mediator_portal.forums.services import access


@lru_cache(maxsize=4)
def _mark_read_statement(dialect: str):
    """The upsert of `mark_read` for `dialect`, built once; values bound per call."""
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(TopicRead).values(
        user_id=bindparam("user_id"),
        topic_id=bindparam("topic_id"),
        last_read_number=bindparam("number"),
        updated_at=bindparam("updated_at"),
    )
    newest = func.max if dialect == "sqlite" else func.greatest
    return statement.on_conflict_do_update(
        index_elements=[TopicRead.user_id, TopicRead.topic_id],
        set_={
            "last_read_number": newest(
                statement.excluded.last_read_number, TopicRead.last_read_number
            ),
            "updated_at": statement.excluded.updated_at,
        },
    )


def mark_read(session: Session, user, topic: Topic, number: int) -> None:
    """Record that `user` has read `topic` up to post `number` (never moves backwards).

    One upsert, safe when two tabs of the same person race.
    """
    statement = _mark_read_statement(session.get_bind().dialect.name)
    values = {"user_id": user.id, "topic_id": topic.id, "number": number, "updated_at": utcnow()}
    session.execute(statement, values)


def last_read_number(session: Session, user, topic: Topic) -> int:
    """The number of the last post `user` has read in `topic` (0 when never opened)."""
    value = session.scalar(
        select(TopicRead.last_read_number).where(
            TopicRead.user_id == user.id, TopicRead.topic_id == topic.id
        )
    )
    return value or 0


def first_unread_number(session: Session, user, topic: Topic, *, last_read: int) -> int:
    """The number of the first post after `last_read` that `user` may see, else the last one."""
    query = select(func.min(Post.number)).where(Post.topic_id == topic.id, Post.number > last_read)
    if not access.is_moderator(user):
        query = query.where(Post.hidden.is_(False))
    return session.scalar(query) or max(topic.last_number, 1)


def read_numbers(session: Session, user, topic_ids: list[int]) -> dict[int, int]:
    """{topic id: last read number} for the given topics (one query)."""
    if not topic_ids:
        return {}
    rows = session.execute(
        select(TopicRead.topic_id, TopicRead.last_read_number).where(
            TopicRead.user_id == user.id, TopicRead.topic_id.in_(topic_ids)
        )
    )
    return {topic_id: number for topic_id, number in rows}


def mark_topics_read(session: Session, user, topics_query) -> None:
    """Mark every topic selected by `topics_query` (a select of Topic.id) read up to its end."""
    session.execute(
        delete(TopicRead).where(TopicRead.user_id == user.id, TopicRead.topic_id.in_(topics_query))
    )
    now = utcnow()
    source = select(
        literal(user.id), Topic.id, Topic.last_number, literal(now, type_=TopicRead.updated_at.type)
    ).where(Topic.id.in_(topics_query))
    session.execute(
        insert(TopicRead).from_select(
            ["user_id", "topic_id", "last_read_number", "updated_at"], source
        )
    )


def mark_category_read(session: Session, user, category: Category) -> None:
    """Mark every topic of `category` read for `user`. Raises nothing; invisible is a no-op."""
    if not access.can_view_category(user, category):
        return
    mark_topics_read(session, user, select(Topic.id).where(Topic.category_id == category.id))


def mark_all_read(session: Session, user) -> None:
    """Mark every topic in every category `user` may see read."""
    visible = select(Category.id).where(access.visible_categories_clause(user))
    mark_topics_read(session, user, select(Topic.id).where(Topic.category_id.in_(visible)))
