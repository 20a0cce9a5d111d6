"""Demo notifications: the accounts a person tries first (mediator01, supervisor1, trainer,
admin) get a mention, a new post in a topic they watch and a new topic in a category they
watch, made through `services.notify` on posts of the demo board, so the badge and the list
are filled. Safe to run again (an account that has a mention already gets nothing more)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.accounts import services as accounts
from mediator_portal.forums import services as forums
from mediator_portal.notifications import services
from mediator_portal.notifications.models import Notification

SHOWCASE = (
    "mediator01@example.org",
    "supervisor1@example.org",
    "trainer@example.org",
    "admin@example.org",
)
# (kind, what it points at: the topic's last post, or the topic itself)
EXAMPLES = (("mention", "post"), ("watched_post", "post"), ("new_topic", "topic"))


def present(session: Session) -> bool:
    """True when anyone has a notification already."""
    return session.scalar(select(Notification.id).limit(1)) is not None


def _has_examples(session: Session, user_id: int) -> bool:
    return (
        session.scalar(
            select(Notification.id).where(
                Notification.recipient_id == user_id, Notification.kind == "mention"
            )
        )
        is not None
    )


def load(session: Session) -> dict[str, int]:
    """Notify each showcase account of a few things on topics of others that it may read."""
    session.flush()
    made = 0
    for email in SHOWCASE:
        person = accounts.find_by_email(session, email)
        if person is None or _has_examples(session, person.id):
            continue
        rows = forums.topic_rows(session, person, "latest", limit=20)
        posts = forums.posts_by_id(session, [row.topic.last_post_id for row in rows])
        topics = [
            row.topic
            for row in rows
            if row.topic.author_id != person.id
            and row.topic.last_post_id in posts
            and posts[row.topic.last_post_id].author_id != person.id
        ]
        for (kind, points_at), topic in zip(EXAMPLES, topics, strict=False):
            if points_at == "post":
                post = posts[topic.last_post_id]
                target, actor = services.Target("post", post.id), post.author_id
            else:
                target, actor = services.Target("topic", topic.id), topic.author_id
            if kind == "watched_post":  # what "What I watch" then lists
                services.set_watch_level(session, person.id, "topic", topic.id, "watching")
            elif kind == "new_topic":
                services.set_watch_level(
                    session, person.id, "category", topic.category_id, "watching_first_post"
                )
            made += len(services.notify(session, [person.id], kind, target, actor))
    return {"notifications": made}
