"""Starting topics, replying, editing (with history) and deleting posts.

Every function takes the session, adds and flushes, and never commits. Live
updates are queued with `realtime.publish` and sent only after the caller commits.
"""

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from mediator_portal import realtime, signals
from mediator_portal.database import utcnow
from mediator_portal.forums.models import (
    Category,
    Draft,
    Post,
    PostRevision,
    Topic,
)
from mediator_portal.forums.services import access
from mediator_portal.forums.services.attachments import NewFiles, attach_files
from mediator_portal.forums.services.cleaning import clean_body, clean_title
from mediator_portal.forums.services.errors import (
    CategoryClosed,
    NotAllowed,
    NotFound,
    PostUnavailable,
    TopicLocked,
)
from mediator_portal.forums.services.reading import mark_read
from mediator_portal.forums.services.rendering import render_post
from mediator_portal.permissions import Permission, user_can


def publish_post_event(session: Session, event: str, post: Post) -> None:
    """Queue `event` ({"topic_id", "post_id"}) for the room of the post's topic."""
    data = {"topic_id": post.topic_id, "post_id": post.id, "number": post.number}
    realtime.publish(event, data, to=access.topic_room(post.topic_id), session=session)


def publish_topic_activity(session: Session, topic: Topic) -> None:
    """Queue "topic_activity" for the category's room (not for hidden topics)."""
    if topic.hidden:
        return
    data = {"category_id": topic.category_id, "topic_id": topic.id}
    realtime.publish(
        "topic_activity", data, to=access.category_room(topic.category_id), session=session
    )


def _sent_before(session: Session, author, key: str | None, lock: Topic | Category) -> Post | None:
    """The post `author` already sent with the form key `key`, if any.

    First takes a write lock on `lock` (the topic of a reply, the category of a new topic),
    which every request posting there takes first: a second request with the same key waits
    for the first to commit, then finds its post (PostgreSQL row lock; SQLite's one writer).
    """
    if not key:
        return None
    model = type(lock)
    session.execute(
        update(model).where(model.id == lock.id).values(id=model.id),
        execution_options={"synchronize_session": False},
    )
    return session.scalar(
        select(Post).where(Post.author_id == author.id, Post.idempotency_key == key)
    )


def _add_post(
    session: Session, topic: Topic, author, body: str, *, reply: bool, key: str | None
) -> Post:
    now = utcnow()
    # One UPDATE ... RETURNING numbers the post and bumps the counters; on PostgreSQL
    # it also locks the topic row, so concurrent replies get distinct numbers.
    number = session.execute(
        update(Topic)
        .where(Topic.id == topic.id)
        .values(
            last_number=Topic.last_number + 1,
            reply_count=Topic.reply_count + (1 if reply else 0),
            last_post_at=now,
            last_poster_id=author.id,
        )
        .returning(Topic.last_number),
        execution_options={"synchronize_session": "fetch"},
    ).scalar_one()
    post = Post(
        topic=topic,
        author_id=author.id,
        number=number,
        body=body,
        body_html=render_post(session, body),
        created_at=now,
        idempotency_key=key or None,
    )
    session.add(post)
    session.flush()
    topic.last_post_id = post.id
    session.execute(
        update(Category)
        .where(Category.id == topic.category_id)
        .values(
            post_count=Category.post_count + 1,
            topic_count=Category.topic_count + (0 if reply else 1),
            last_post_at=now,
            last_topic_id=topic.id,
        ),
        execution_options={"synchronize_session": "fetch"},
    )
    session.flush()
    return post


def start_topic(
    session: Session,
    *,
    category: Category,
    author,
    title: str,
    body: str,
    key: str | None = None,
    announce: bool = False,
    files: NewFiles | None = None,
) -> Topic:
    """Open a topic in `category` with its first post; clears the author's draft there.

    `key` is the random key of the form: a topic already started with it is returned as it
    is (the same form sent twice makes one topic). `announce`: an administrator's
    announcement, notified to everyone who can read the category (urgent: e-mailed at once).
    `files`: its attachments (services/attachments.py, whose errors it raises too).
    Raises NotFound (category invisible), CategoryClosed (archived), NotAllowed (the role
    may not start topics there, or may not announce), EmptyTitle,
    TitleTooLong, EmptyPost, PostTooLong.
    """
    if not access.can_view_category(author, category):
        raise NotFound()
    if category.archived:
        raise CategoryClosed()
    if not access.can_start_topic(author, category):
        raise NotAllowed()
    if announce and not user_can(author, Permission.FORUM_ANNOUNCE):
        raise NotAllowed()
    title, body = clean_title(title), clean_body(body)
    if (sent := _sent_before(session, author, key, category)) is not None:
        return sent.topic
    topic = Topic(category=category, title=title, author_id=author.id, last_poster_id=author.id)
    session.add(topic)
    session.flush()
    post = _add_post(session, topic, author, body, reply=False, key=key)
    if files:
        attach_files(session, post, author, files)
    session.execute(
        delete(Draft).where(Draft.user_id == author.id, Draft.category_id == category.id)
    )
    mark_read(session, author, topic, post.number)
    publish_topic_activity(session, topic)
    signals.send(
        signals.topic_created,
        session=session,
        topic_id=topic.id,
        post_id=post.id,
        author_id=author.id,
        announce=announce,
    )
    return topic


def reply_to_topic(
    session: Session,
    *,
    topic: Topic,
    author,
    body: str,
    key: str | None = None,
    files: NewFiles | None = None,
) -> Post:
    """Add a reply at the end of `topic`; clears the author's draft for it.

    `key` is the random key of the form: a reply already sent with it is returned as it is
    (the same form sent twice makes one post). `files`: its attachments (as `start_topic`).
    Raises NotFound (topic invisible to the author), CategoryClosed, TopicLocked, EmptyPost,
    PostTooLong.
    """
    if not access.can_view_topic(author, topic):
        raise NotFound()
    if topic.category.archived:
        raise CategoryClosed()
    if not access.can_reply(author, topic):
        raise TopicLocked()
    body = clean_body(body)
    if (
        sent := _sent_before(session, author, key, topic)
    ) is not None and sent.topic_id == topic.id:
        return sent
    post = _add_post(session, topic, author, body, reply=True, key=None if sent else key)
    if files:
        attach_files(session, post, author, files)
    session.execute(delete(Draft).where(Draft.user_id == author.id, Draft.topic_id == topic.id))
    mark_read(session, author, topic, post.number)
    publish_post_event(session, "post_created", post)
    publish_topic_activity(session, topic)
    signals.send(
        signals.post_created,
        session=session,
        post_id=post.id,
        topic_id=topic.id,
        author_id=author.id,
    )
    return post


def edit_post(
    session: Session,
    *,
    post: Post,
    editor,
    body: str,
    title: str | None = None,
    files: NewFiles | None = None,
) -> Post:
    """Replace the text of `post`, keeping the previous version as a PostRevision.

    `title` renames the topic when `post` is its first post; `files` adds and removes its
    attachments (as `start_topic`). An unchanged text adds no revision. Raises NotFound,
    PostUnavailable (deleted or hidden), TopicLocked, NotAllowed (not the author), EmptyPost,
    PostTooLong, EmptyTitle, TitleTooLong.
    """
    if not access.can_view_post(editor, post):
        raise NotFound()
    if post.deleted or post.hidden:
        raise PostUnavailable()
    if post.author_id != editor.id:
        raise NotAllowed()
    if not access.can_edit_post(editor, post):
        raise CategoryClosed() if post.topic.category.archived else TopicLocked()
    body = clean_body(body)
    if title is not None and post.number == 1:
        post.topic.title = clean_title(title)
    if body != post.body:
        now = utcnow()
        session.add(
            PostRevision(
                post_id=post.id,
                body=post.body,
                body_html=post.body_html,
                written_at=post.edited_at or post.created_at,
                edited_at=now,
                editor_id=editor.id,
            )
        )
        post.body, post.body_html, post.edited_at = body, render_post(session, body), now
        signals.send(
            signals.post_edited,
            session=session,
            post_id=post.id,
            topic_id=post.topic_id,
            editor_id=editor.id,
        )
    if files:
        attach_files(session, post, editor, files)
    session.flush()
    publish_post_event(session, "post_edited", post)
    return post


def delete_post(session: Session, *, post: Post, actor) -> Post:
    """Withdraw the author's own post (soft: the row and its history stay).

    Raises NotFound (invisible) or NotAllowed (someone else's, or already deleted).
    """
    if not access.can_view_post(actor, post):
        raise NotFound()
    if not access.can_delete_post(actor, post):
        raise NotAllowed()
    post.deleted_at = utcnow()
    session.flush()
    publish_post_event(session, "post_deleted", post)
    return post


def revisions(session: Session, post: Post) -> list[PostRevision]:
    """The earlier versions of `post`, oldest first, with their editors loaded."""
    return list(
        session.scalars(
            select(PostRevision)
            .options(selectinload(PostRevision.editor))
            .where(PostRevision.post_id == post.id)
            .order_by(PostRevision.edited_at, PostRevision.id)
        )
    )
