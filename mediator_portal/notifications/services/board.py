"""The message board's targets ("post", "topic", "category"), resolved with the board's own
services and access predicates only: a notification about a post is shown to a person only
while `can_view_post` lets them read it (a hidden topic, a restricted category or a changed
role hides it)."""

from flask_babel import get_locale

from mediator_portal.forums import services as forums
from mediator_portal.notifications.services.targets import (
    Link,
    Resolved,
    Resolver,
    register_resolver,
)
from mediator_portal.text import plain_excerpt

EXCERPT_LENGTH = 300  # characters of a post's text in an e-mail (never for sensitive ones)


def _locale() -> str:
    return str(get_locale() or "el")


def _post(viewer, post) -> Resolved:
    topic = post.topic
    return Resolved(
        title=topic.title,
        link=Link("forums.post", (("post_id", post.id),)),
        readable=forums.can_view_post(viewer, post) and not post.deleted,
        sensitive=topic.category.sensitive,
        topic_id=topic.id,
        category_id=topic.category_id,
    )


def _topic(viewer, topic) -> Resolved:
    return Resolved(
        title=topic.title,
        link=Link("forums.topic", (("topic_id", topic.id),)),
        readable=forums.can_view_topic(viewer, topic),
        sensitive=topic.category.sensitive,
        topic_id=topic.id,
        category_id=topic.category_id,
    )


def _category(viewer, category) -> Resolved:
    return Resolved(
        title=category.label(_locale()),
        link=Link("forums.category", (("category_id", category.id),)),
        readable=forums.can_view_category(viewer, category),
        sensitive=category.sensitive,
        category_id=category.id,
    )


def _post_excerpt(post) -> str:
    return plain_excerpt(post.body, EXCERPT_LENGTH)


def _post_seen(session, viewer, post) -> bool:
    return forums.last_read_number(session, viewer, post.topic) >= post.number


def _topic_seen(session, viewer, topic) -> bool:
    return forums.last_read_number(session, viewer, topic) >= 1


register_resolver(
    "post",
    Resolver(
        forums.posts_by_id,
        _post,
        excerpt=_post_excerpt,
        seen=_post_seen,
        readable_sql=forums.post_readable_sql,
    ),
)
register_resolver(
    "topic",
    Resolver(forums.topics_by_id, _topic, seen=_topic_seen, readable_sql=forums.topic_readable_sql),
)
register_resolver(
    "category",
    Resolver(forums.categories_by_id, _category, readable_sql=forums.category_readable_sql),
)
