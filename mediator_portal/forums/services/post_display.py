"""Posts as the pages show them: read-only values (`PostView`), loaded with Core.

The topic page is the board's hot path (bench/forum_pages.py measures it): it shows 20
posts with their authors on every view, and building 20 `Post` and `User` objects in the
ORM's identity map cost more than the query and the rendering together, while nothing on
a page changes them. `PostView` has the attributes of `Post` the partial and the
permission predicates read (`access.can_edit_post` and friends take either), so
`forums/_post.html` renders both the same way.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select

from mediator_portal.accounts.services import User
from mediator_portal.forums.models import Post, Topic

_POSTS = Post.__table__.c
_USERS = User.__table__.c


@dataclass(frozen=True, slots=True)
class AuthorView:
    id: int
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class PostView:
    """A post's shown columns, its author, and the topic it belongs to (already loaded)."""

    id: int
    topic_id: int
    author_id: int
    number: int
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    hidden: bool
    hidden_reason: str | None
    version: int
    author: AuthorView
    topic: Topic

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


_COLUMNS = (
    _POSTS.id,
    _POSTS.topic_id,
    _POSTS.author_id,
    _POSTS.number,
    _POSTS.body_html,
    _POSTS.created_at,
    _POSTS.edited_at,
    _POSTS.deleted_at,
    _POSTS.hidden,
    _POSTS.hidden_reason,
    _POSTS.version,
    _USERS.name,
    _USERS.role,
)
_FROM = select(*_COLUMNS).join(User.__table__, _USERS.id == _POSTS.author_id)

PAGE_STATEMENT = _FROM.where(
    _POSTS.topic_id == bindparam("topic_id"),
    _POSTS.number.between(bindparam("first"), bindparam("last")),
).order_by(_POSTS.number)
AFTER_STATEMENT = (
    _FROM.where(_POSTS.topic_id == bindparam("topic_id"), _POSTS.number > bindparam("after"))
    .order_by(_POSTS.number)
    .limit(bindparam("limit"))
)


def _view(row, topic: Topic) -> PostView:
    *post, name, role = row
    return PostView(*post, author=AuthorView(post[2], name, role), topic=topic)


def page_posts(session, topic: Topic, first: int, last: int) -> list[PostView]:
    """Posts numbered `first`..`last` of `topic`, in order (one query)."""
    rows = session.execute(PAGE_STATEMENT, {"topic_id": topic.id, "first": first, "last": last})
    return [_view(row, topic) for row in rows]


def posts_after(session, topic: Topic, *, after: int, limit: int) -> list[PostView]:
    """Posts of `topic` numbered above `after`, oldest first, at most `limit` (one query)."""
    rows = session.execute(AFTER_STATEMENT, {"topic_id": topic.id, "after": after, "limit": limit})
    return [_view(row, topic) for row in rows]
