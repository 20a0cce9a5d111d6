"""Topic lists across categories (Latest, Unread, New) and the counts the navigation shows.

Definitions, the same in the lists, the counts and the badges of a topic row:
- unread: the viewer has opened the topic and it has posts after the last one they read;
- new: the viewer has never opened the topic and it was started after their account was
  created (older topics they never opened are not news to them);
- latest: every topic, by last activity.
Only topics of categories the viewer's role may read; hidden topics for moderators only.
Each list page runs two queries (its total and its rows) whatever the data size.
"""

import math
from functools import lru_cache

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.forums.models import Category, Topic, TopicRead
from mediator_portal.forums.services import access
from mediator_portal.forums.services.errors import NotFound
from mediator_portal.forums.services.pages import TOPICS_PER_PAGE, TopicRow
from mediator_portal.pagination import Page

KINDS = ("latest", "unread", "new")
# Names of the navigation counts (features.page_counts), and of the board's tabs.
UNREAD_COUNT = "forums_unread"
NEW_COUNT = "forums_new"

VIEWER = bindparam("viewer_id")
SINCE = bindparam("viewer_since")
READ_JOIN = and_(TopicRead.topic_id == Topic.id, TopicRead.user_id == VIEWER)


def _visible(role: str, moderator: bool) -> list[ColumnElement[bool]]:
    """Conditions on Topic: its category is readable by `role`, hidden only for moderators."""
    readable = select(Category.id).where(access.visible_to_role_clause(role))
    conditions = [Topic.category_id.in_(readable)]
    if not moderator:
        conditions.append(Topic.hidden.is_(False))
    return conditions


def _kind_condition(kind: str) -> ColumnElement[bool] | None:
    """The condition of list `kind` on Topic outer-joined to the viewer's TopicRead."""
    unread = and_(
        TopicRead.last_read_number.is_not(None), Topic.last_number > TopicRead.last_read_number
    )
    new = and_(TopicRead.user_id.is_(None), Topic.created_at >= SINCE)
    return {"latest": None, "unread": unread, "new": new, "unseen": or_(unread, new)}[kind]


@lru_cache(maxsize=64)
def _statements(kind: str, role: str, moderator: bool) -> tuple[Select, Select]:
    """(count, rows) statements of list `kind` for a role, built once; the viewer, their
    account's creation time, limit and offset are bound per call."""
    conditions = _visible(role, moderator)
    if (condition := _kind_condition(kind)) is not None:
        conditions.append(condition)
    count = (
        select(func.count(Topic.id))
        .select_from(Topic)
        .outerjoin(TopicRead, READ_JOIN)
        .where(*conditions)
    )
    rows = (
        select(Topic, TopicRead.last_read_number)
        .outerjoin(TopicRead, READ_JOIN)
        .options(joinedload(Topic.author), joinedload(Topic.last_poster))
        .where(*conditions)
        .order_by(Topic.last_post_at.desc(), Topic.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return count, rows


def _params(user, **more) -> dict:
    return {"viewer_id": user.id, "viewer_since": user.created_at, **more}


def topic_rows(
    session: Session, user, kind: str, *, limit: int = TOPICS_PER_PAGE, offset: int = 0
) -> list[TopicRow]:
    """Rows of list `kind` ("latest", "unread", "new", or "unseen": unread or new) for
    `user`, by last activity, with their read state and category, author and last poster
    loaded (one query). Raises NotFound for an unknown kind."""
    if kind not in (*KINDS, "unseen"):
        raise NotFound()
    _, statement = _statements(kind, user.role, access.is_moderator(user))
    result = session.execute(statement, _params(user, limit=limit, offset=offset))
    since = user.created_at
    return [TopicRow(topic, last_read or 0, since) for topic, last_read in result.unique()]


def topic_list_page(session: Session, user, kind: str, page: int = 1) -> Page:
    """One page of list `kind` for `user` (2 queries). Raises NotFound for an unknown kind
    or a page number out of range."""
    if kind not in KINDS:
        raise NotFound()
    count, _ = _statements(kind, user.role, access.is_moderator(user))
    total = session.scalar(count, _params(user))
    pages = max(math.ceil(total / TOPICS_PER_PAGE), 1)
    if page < 1 or page > pages:
        raise NotFound()
    offset = (page - 1) * TOPICS_PER_PAGE
    rows = topic_rows(session, user, kind, offset=offset)
    return Page(page=page, pages=pages, items=rows, total=total)


def category_count_columns(moderator: bool) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """(unread, new) topics of the enclosing query's Category for the viewer (`:viewer_id`,
    `:viewer_since`), as correlated scalar subqueries: the category list shows them, and
    their sums over the readable categories are the navigation's counts (`count_columns`)."""
    hidden = () if moderator else (Topic.hidden.is_(False),)
    unread = (
        select(func.count())
        .select_from(TopicRead)
        .join(Topic, Topic.id == TopicRead.topic_id)
        .where(TopicRead.user_id == VIEWER, Topic.category_id == Category.id, *hidden)
        .where(Topic.last_number > TopicRead.last_read_number)
        .correlate(Category)
        .scalar_subquery()
    )
    opened = exists().where(TopicRead.user_id == VIEWER, TopicRead.topic_id == Topic.id)
    new = (
        select(func.count(Topic.id))
        .where(Topic.category_id == Category.id, Topic.created_at >= SINCE, ~opened, *hidden)
        .correlate(Category)
        .scalar_subquery()
    )
    return unread, new


@lru_cache(maxsize=16)
def count_columns(role: str) -> dict[str, ColumnElement[int]]:
    """The navigation's count provider: how many topics are unread and how many new for the
    viewer (`:viewer_id`, `:viewer_since`), as scalar subqueries of one statement.

    The unread count starts from the viewer's read positions (the primary key of
    forum_topic_reads); the new count reads, per readable category, the topics started
    since they joined (ix_forum_topics_category_created): neither reads the whole board.
    """
    moderator = access.role_moderates(role)
    unread = (
        select(func.count())
        .select_from(TopicRead)
        .join(Topic, Topic.id == TopicRead.topic_id)
        .where(TopicRead.user_id == VIEWER, Topic.last_number > TopicRead.last_read_number)
        .where(*_visible(role, moderator))
        .scalar_subquery()
    )
    opened = exists().where(TopicRead.user_id == VIEWER, TopicRead.topic_id == Topic.id)
    new = (
        select(func.count(Topic.id))
        .where(Topic.created_at >= SINCE, ~opened)
        .where(*_visible(role, moderator))
        .scalar_subquery()
    )
    return {UNREAD_COUNT: unread, NEW_COUNT: new}
