"""Socket.IO handlers of the message board: topic rooms, category rooms, "X is writing…".

Joining a room checks the same rule as the page (`services.can_view_topic`,
`services.can_view_category`), and a room is emptied whenever who may read it changes
(`services.rooms`: a topic hidden or moved, a category restricted, a role changed), so
nobody receives events of a topic they may not read. Events only carry ids; clients
fetch what they may see through the HTTP fragments of `mediator_portal.forums.views.live`.
Every payload is validated: a bad one is acknowledged with `{"ok": False, "error":
<code>}`, never an exception.
"""

from flask_login import current_user
from flask_socketio import emit, leave_room, rooms
from sqlalchemy import select

from mediator_portal import realtime
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Topic
from mediator_portal.permissions import Access, Permission

PARTICIPANTS = Access(permissions=frozenset({Permission.FORUM_PARTICIPATE}))
MAX_ID = 2**31 - 1
MAX_MISSED = 200  # beyond this the client reloads the page instead of catching up


class BadPayload(ValueError):
    """The event's data is not what the handler expects."""


def _error(code: str) -> dict:
    return {"ok": False, "error": code}


def _number(data, key: str, *, required: bool = True, minimum: int = 1) -> int | None:
    """The integer `data[key]`. Raises BadPayload when data is not a dict or the value is bad."""
    if not isinstance(data, dict):
        raise BadPayload(key)
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_ID:
        raise BadPayload(key)
    return value


def _visible_topic(topic_id: int) -> Topic | None:
    topic = db.session.get(Topic, topic_id)
    if topic is None or not services.can_view_topic(current_user, topic):
        return None
    return topic


def _missed_numbers(topic: Topic, after: int) -> list[int]:
    """Numbers of the posts after `after` that the person may see (hidden: moderators only)."""
    query = select(Post.number).where(Post.topic_id == topic.id, Post.number > after)
    if not services.is_moderator(current_user):
        query = query.where(Post.hidden.is_(False))
    return list(db.session.scalars(query.order_by(Post.number).limit(MAX_MISSED + 1)))


@realtime.on("join_topic", PARTICIPANTS)
def join_topic(data=None):
    """{topic_id, after_number?}: join the topic's room if the person may read the topic.

    With `after_number` (a reconnecting client), the ack lists the numbers it missed.
    """
    try:
        topic_id = _number(data, "topic_id")
        after = _number(data, "after_number", required=False, minimum=0)
    except BadPayload:
        return _error("bad_request")
    topic = _visible_topic(topic_id)
    if topic is None:
        leave_room(services.topic_room(topic_id))  # in case it was joined before a change
        return _error("not_found")
    if not realtime.join(services.topic_room(topic.id)):
        return _error("disconnected")
    ack = {"ok": True, "topic_id": topic.id, "last_number": topic.last_number}
    if after is not None:
        missed = _missed_numbers(topic, after)
        ack["missed"] = missed[:MAX_MISSED]
        ack["complete"] = len(missed) <= MAX_MISSED
    return ack


@realtime.on("leave_topic", PARTICIPANTS)
def leave_topic(data=None):
    """{topic_id}: stop receiving the topic's events."""
    try:
        topic_id = _number(data, "topic_id")
    except BadPayload:
        return _error("bad_request")
    leave_room(services.topic_room(topic_id))
    return {"ok": True}


@realtime.on("join_category_list", PARTICIPANTS)
def join_category_list(_data=None):
    """Join the rooms of every category the person may see (index and category pages)."""
    categories = services.visible_categories(db.session, current_user)
    for category in categories:
        if not realtime.join(services.category_room(category.id)):
            return _error("disconnected")
    return {"ok": True, "category_ids": [category.id for category in categories]}


@realtime.on("typing", PARTICIPANTS)
def typing(data=None):
    """{topic_id}: tell the others reading the topic that this person is writing a reply."""
    try:
        topic_id = _number(data, "topic_id")
    except BadPayload:
        return _error("bad_request")
    room = services.topic_room(topic_id)
    if room not in rooms():
        return _error("not_joined")
    if _visible_topic(topic_id) is None:  # hidden or restricted since the person joined
        leave_room(room)
        return _error("not_found")
    payload = {"topic_id": topic_id, "user_id": current_user.id, "name": current_user.name}
    emit("typing", payload, to=room, include_self=False)
    return {"ok": True}
