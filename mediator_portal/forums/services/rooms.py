"""When who may read a topic or a category changes, its Socket.IO room starts over.

Joining a room checks the page's rule, but people already in it stay in when a topic
is hidden, moved, its category restricted, or their role changes. These functions empty
the affected rooms after commit (`realtime.reset_rooms`): every connection is told to
join again and is taken out by the server; the join is checked anew, so only those who
may still read the topic come back.
"""

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mediator_portal import realtime
from mediator_portal.forums.models import Category, Topic
from mediator_portal.forums.services.access import category_room, topic_room


def reset_topic_room(session: Session, topic: Topic) -> None:
    """Who may read `topic` changed (hidden, moved)."""
    realtime.reset_rooms([topic_room(topic.id)], session=session)


def reset_category_rooms(session: Session, category: Category) -> None:
    """Who may see `category` changed: its room and the rooms of all its topics."""
    topic_ids = session.scalars(select(Topic.id).where(Topic.category_id == category.id))
    rooms = [category_room(category.id), *(topic_room(topic_id) for topic_id in topic_ids)]
    realtime.reset_rooms(rooms, session=session)


def reset_restricted_rooms(session: Session) -> None:
    """Someone's role changed: every room that not every role may be in (restricted
    categories and their topics, hidden topics)."""
    restricted = select(Category.id).where(Category.visible_to != "")
    category_ids = list(session.scalars(restricted))
    topic_ids = session.scalars(
        select(Topic.id).where(or_(Topic.category_id.in_(category_ids), Topic.hidden.is_(True)))
    )
    rooms = [*(category_room(i) for i in category_ids), *(topic_room(i) for i in topic_ids)]
    realtime.reset_rooms(rooms, session=session)
