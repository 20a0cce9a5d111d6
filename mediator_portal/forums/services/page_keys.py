"""What each board page is built from, for the page cache (`mediator_portal/page_cache.py`).

A page is kept until one of its tables has a new token. The viewer's own rows (read
positions, drafts) change at every reading; they go into the key by value instead, so
that one person reading a topic leaves everyone else's pages in place.
"""

from sqlalchemy import bindparam, func, select

from mediator_portal.accounts.services import User
from mediator_portal.forums.models import Category, Draft, Post, Reaction, Topic, TopicRead
from mediator_portal.page_cache import ViewerState

# The category list and a category's topics: categories, topics, their posters.
BOARD_TABLES = (Category, Topic, User)
# A topic's page: the same, with its posts and their reactions.
TOPIC_TABLES = (*BOARD_TABLES, Post, Reaction)

_VIEWER = bindparam("viewer_id")

# Unread markers come from the viewer's read positions. A read position only moves forward
# (and "mark read" rewrites rows with the topic's last number, never less), so the number
# of the viewer's rows and the sum of their positions change exactly when a marker can:
# a new row, a row gone, or a position moved on. A topic deleted with its rows changes
# forum_topics' token as well.
READ_POSITIONS = ViewerState(
    columns=(
        select(func.count())
        .select_from(TopicRead)
        .where(TopicRead.user_id == _VIEWER)
        .scalar_subquery()
        .label("read_rows"),
        select(func.coalesce(func.sum(TopicRead.last_read_number), 0))
        .where(TopicRead.user_id == _VIEWER)
        .scalar_subquery()
        .label("read_sum"),
    ),
    tables=(TopicRead,),
)

# A topic page shows the viewer's read position in that topic and their draft reply.
_TOPIC = bindparam("topic_id")
TOPIC_READER = ViewerState(
    columns=(
        select(TopicRead.last_read_number)
        .where(TopicRead.user_id == _VIEWER, TopicRead.topic_id == _TOPIC)
        .scalar_subquery()
        .label("last_read"),
        select(Draft.body)
        .where(Draft.user_id == _VIEWER, Draft.topic_id == _TOPIC)
        .scalar_subquery()
        .label("draft"),
    ),
    tables=(TopicRead, Draft),
)
