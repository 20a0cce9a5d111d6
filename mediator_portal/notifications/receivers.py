"""What notifications does when the board's signals arrive (see `mediator_portal.signals`).

Each receiver loads what it needs through the board's services, calls `notify` (which skips
the actor, muted people and those who may not read the target) and commits its own work.
One person gets one notification per post, the most specific: a mention, else a quote,
else a reply to their topic, else a new post in a topic they watch. Notifications stored
(`notifications_created`) queue their immediate e-mails (`jobs.queue_immediate`).
"""

from mediator_portal import signals
from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.notifications import jobs, services
from mediator_portal.notifications.services import kinds, watching
from mediator_portal.notifications.services.targets import Target


def _mentioned_and_quoted(post) -> tuple[list[int], list[int]]:
    mentioned = services.mentioned_users(db.session, post.body)
    names = services.quoted_names(post.body)
    quoted = list(forums.posters_named(db.session, post.topic_id, names).values())
    return mentioned, quoted


@signals.post_created.connect
def notify_reply(_sender, *, post_id: int, topic_id: int, author_id: int, **_extra) -> None:
    """A reply: mentions, quotes, the topic's author, and those watching the topic."""
    post = forums.posts_by_id(db.session, [post_id]).get(post_id)
    if post is None:
        return
    topic = post.topic
    watching.track_if_unset(db.session, author_id, topic_id)
    mentioned, quoted = _mentioned_and_quoted(post)
    levels = watching.effective_levels(db.session, topic.id, topic.category_id)
    watchers = [uid for uid, pair in levels.items() if watching.post_level(pair) == "watching"]
    told: set[int] = {author_id}
    target = Target("post", post.id)
    for kind, people in (
        (kinds.MENTION.name, mentioned),
        (kinds.QUOTE.name, quoted),
        (kinds.REPLY.name, [topic.author_id]),
        (kinds.WATCHED_POST.name, watchers),
    ):
        fresh = [uid for uid in people if uid not in told]
        told.update(fresh)
        if fresh:
            services.notify(db.session, fresh, kind, target, author_id)
    db.session.commit()


@signals.topic_created.connect
def notify_new_topic(
    _sender, *, topic_id: int, post_id: int, author_id: int, announce: bool = False, **_extra
) -> None:
    """A new topic: mentions in its first post, and those watching its category (every post
    or first posts); an announcement: everyone else who can read it (`notify` leaves out
    those who cannot)."""
    post = forums.posts_by_id(db.session, [post_id]).get(post_id)
    if post is None:
        return
    watching.track_if_unset(db.session, author_id, topic_id)
    mentioned, _quoted = _mentioned_and_quoted(post)
    levels = watching.effective_levels(db.session, None, post.topic.category_id)
    watchers = [
        uid
        for uid, (_topic, level) in levels.items()
        if level in (watching.WATCHING, watching.FIRST_POST)
    ]
    mentioned = [uid for uid in mentioned if uid != author_id]
    if mentioned:
        services.notify(
            db.session, mentioned, kinds.MENTION.name, Target("post", post_id), author_id
        )
    kind = kinds.NEW_TOPIC.name
    if announce:
        kind, watchers = kinds.ANNOUNCEMENT.name, accounts.active_member_ids(db.session)
    others = [uid for uid in watchers if uid not in mentioned]
    if others:
        services.notify(db.session, others, kind, Target("topic", topic_id), author_id)
    db.session.commit()


@signals.reaction_added.connect
def notify_reaction(_sender, *, post_id: int, user_id: int, **_extra) -> None:
    """A reaction to a post: its author, grouped with the unread ones on the same post."""
    post = forums.posts_by_id(db.session, [post_id]).get(post_id)
    if post is not None:
        services.notify(
            db.session, [post.author_id], kinds.REACTION.name, Target("post", post_id), user_id
        )
        db.session.commit()


@signals.post_hidden.connect
def notify_post_hidden(
    _sender, *, post_id: int, moderator_id: int, reason: str = "", **_extra
) -> None:
    """A moderator hid a post: its author hears it, with the reason (pointing at the topic,
    which they can still read)."""
    post = forums.posts_by_id(db.session, [post_id]).get(post_id)
    if post is not None:
        services.notify(
            db.session,
            [post.author_id],
            kinds.POST_HIDDEN.name,
            Target("topic", post.topic_id),
            moderator_id,
            detail=reason or "",
        )
        db.session.commit()


@signals.topic_moved.connect
def notify_topic_moved(_sender, *, topic_id: int, moderator_id: int, **_extra) -> None:
    """A moderator moved a topic: its author hears it."""
    topic = forums.topics_by_id(db.session, [topic_id]).get(topic_id)
    if topic is not None:
        services.notify(
            db.session,
            [topic.author_id],
            kinds.TOPIC_MOVED.name,
            Target("topic", topic_id),
            moderator_id,
        )
        db.session.commit()


@signals.report_resolved.connect
def notify_report_resolved(
    _sender,
    *,
    moderator_id: int,
    reporter_id: int | None = None,
    topic_id: int | None = None,
    resolution: str = "",
    **_extra,
) -> None:
    """A moderator resolved a report: the person who made it hears what was done."""
    if reporter_id is None or topic_id is None:
        return
    services.notify(
        db.session,
        [reporter_id],
        kinds.REPORT_RESOLVED.name,
        Target("topic", topic_id),
        moderator_id,
        detail=resolution,
    )
    db.session.commit()


@signals.notifications_created.connect
def email_now(_sender, *, notification_ids: list[int], kind: str, **_extra) -> None:
    """Queue the e-mail of each new notification whose person wants it now (the job checks
    again when it runs)."""
    jobs.queue_immediate(list(notification_ids), kind)
