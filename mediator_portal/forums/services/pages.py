"""What each board page shows, loaded in a fixed number of queries whatever the data size.

Templates never query: these functions load the rows and every related object
the templates read (authors, counts, read state) up front.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from mediator_portal.forums.models import Category, Draft, Post, Topic, TopicRead
from mediator_portal.forums.services import access, post_display, reactions, reading
from mediator_portal.forums.services.attachments import AttachmentView, views_of
from mediator_portal.forums.services.errors import NotFound
from mediator_portal.forums.services.post_display import PostView
from mediator_portal.pagination import Page

TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20


def _check_page(page: int, pages: int) -> int:
    if page < 1 or page > max(pages, 1):
        raise NotFound()
    return page


@dataclass
class TopicRow:
    """A topic in a list with the viewer's read state: `new_posts` unread posts since their
    last visit, or `new` when never opened and started after their account was created
    (`since`). Older topics never opened are not news (see services/topic_lists.py)."""

    topic: Topic
    last_read: int
    since: datetime | None = None

    @property
    def new_posts(self) -> int:
        return max(self.topic.last_number - self.last_read, 0) if self.last_read else 0

    @property
    def new(self) -> bool:
        return (
            self.last_read == 0 and self.since is not None and self.topic.created_at >= self.since
        )

    @property
    def unread(self) -> bool:
        return self.new or self.new_posts > 0


def category_page(session: Session, user, category: Category, page: int = 1) -> Page:
    """Topics of `category`, pinned first then by last activity, with read state (3 queries).

    Raises NotFound for a page number out of range.
    """
    conditions = [Topic.category_id == category.id]
    if not access.is_moderator(user):
        conditions.append(Topic.hidden.is_(False))
    total = session.scalar(select(func.count(Topic.id)).where(*conditions))
    pages = max(math.ceil(total / TOPICS_PER_PAGE), 1)
    page = _check_page(page, pages)
    topics = list(
        session.scalars(
            select(Topic)
            .options(joinedload(Topic.author), joinedload(Topic.last_poster))
            .where(*conditions)
            .order_by(Topic.pinned.desc(), Topic.last_post_at.desc(), Topic.id.desc())
            .limit(TOPICS_PER_PAGE)
            .offset((page - 1) * TOPICS_PER_PAGE)
        )
    )
    for topic in topics:
        set_committed_value(topic, "category", category)  # no lazy load per row
    read = reading.read_numbers(session, user, [topic.id for topic in topics])
    rows = [TopicRow(topic, read.get(topic.id, 0), user.created_at) for topic in topics]
    return Page(page=page, pages=pages, items=rows, total=total)


# Built once, parameters bound per call: building a select costs about as much as running it.
TOPIC_STATEMENT = (
    select(Topic).options(joinedload(Topic.category)).where(Topic.id == bindparam("topic_id"))
)


def get_topic(session: Session, user, topic_id: int) -> Topic:
    """Topic `topic_id` with its category, if `user` may see it. Raises NotFound."""
    topic = session.scalar(TOPIC_STATEMENT, {"topic_id": topic_id})
    if topic is None or not access.can_view_topic(user, topic):
        raise NotFound()
    return topic


# The topic page's first query: the topic with what this viewer has of it.
READER_TOPIC_STATEMENT = TOPIC_STATEMENT.add_columns(
    select(TopicRead.last_read_number)
    .where(TopicRead.user_id == bindparam("viewer_id"), TopicRead.topic_id == Topic.id)
    .scalar_subquery(),
    select(Draft.body)
    .where(Draft.user_id == bindparam("viewer_id"), Draft.topic_id == Topic.id)
    .scalar_subquery(),
)


@dataclass
class ReaderTopic:
    topic: Topic
    last_read: int  # the number of the last post the viewer has read (0: never opened)
    draft: str  # the viewer's unsent reply ("" when there is none)


def get_topic_for_reader(session: Session, user, topic_id: int) -> ReaderTopic:
    """Topic `topic_id` (as `get_topic`) with `user`'s read position and draft reply.

    One query. Raises NotFound.
    """
    row = session.execute(READER_TOPIC_STATEMENT, {"topic_id": topic_id, "viewer_id": user.id})
    found = row.first()
    if found is None or not access.can_view_topic(user, found[0]):
        raise NotFound()
    topic, last_read, draft = found
    return ReaderTopic(topic, last_read or 0, draft or "")


def get_post(session: Session, user, post_id: int) -> Post:
    """Post `post_id` with its topic and category, if `user` may see it. Raises NotFound."""
    post = session.scalar(
        select(Post)
        .options(joinedload(Post.topic).joinedload(Topic.category), joinedload(Post.author))
        .where(Post.id == post_id)
    )
    if post is None or not access.can_view_post(user, post):
        raise NotFound()
    return post


def page_of(number: int) -> int:
    """The topic page that shows post `number`."""
    return max(math.ceil(number / POSTS_PER_PAGE), 1)


@dataclass
class PostRow:
    """A post with what its partial shows: reaction counts, the viewer's own, permissions."""

    post: Post | PostView
    counts: dict[str, int]
    mine: set[str]
    can_edit: bool
    can_delete: bool
    is_new: bool = False
    names: dict[str, list[str]] = field(default_factory=dict)  # who reacted, by kind
    attachments: tuple[AttachmentView, ...] = ()  # its files, in order

    @property
    def page(self) -> int:
        """The topic page showing this post."""
        return page_of(self.post.number)


def post_rows(
    session: Session, user, posts: list[Post] | list[PostView], *, last_read: int = 0
) -> list[PostRow]:
    """Rows for `posts` (2 queries: reaction counts with the viewer's own reactions; the
    posts' attachments).

    The live layer uses this too, to render `forums/_post.html` for one post.
    """
    ids = [post.id for post in posts]
    summary = reactions.reaction_details(session, user, ids)
    counts, mine, names = summary.counts, summary.mine, summary.names
    files = views_of(session, ids)
    return [
        PostRow(
            post=post,
            counts=counts.get(post.id, {}),
            mine=mine.get(post.id, set()),
            names=names.get(post.id, {}),
            attachments=files.get(post.id, ()),
            can_edit=access.can_edit_post(user, post),
            can_delete=access.can_delete_post(user, post),
            is_new=last_read > 0 and post.number > last_read,
        )
        for post in posts
    ]


@dataclass
class TopicView:
    topic: Topic
    page: Page
    last_read: int
    read_upto: int = 0  # the viewer has now read up to this post (0: nothing new to record)


def topic_page(session: Session, user, topic: Topic, page: int = 1, *, last_read: int) -> TopicView:
    """A page of `topic`'s posts (by number), for a viewer who had read up to `last_read`;
    `read_upto` says how far the viewer has read now (the caller records it with
    `reading.mark_read` once the page is rendered). Runs 3 queries whatever the topic's
    size. Raises NotFound for a page out of range.
    """
    pages = page_of(topic.last_number)
    page = _check_page(page, pages)
    first, last = (page - 1) * POSTS_PER_PAGE + 1, page * POSTS_PER_PAGE
    posts = post_display.page_posts(session, topic, first, last)
    rows = post_rows(session, user, posts, last_read=last_read)
    read_upto = posts[-1].number if posts and posts[-1].number > last_read else 0
    return TopicView(
        topic=topic,
        page=Page(page, pages, rows, topic.last_number),
        last_read=last_read,
        read_upto=read_upto,
    )
