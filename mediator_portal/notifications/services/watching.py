"""Watching levels (Discourse's): how closely a person follows a topic or a category.

* watching: every new post (a category: every new post in every topic);
* watching_first_post (categories only): every new topic;
* tracking: only replies to me, quotes and mentions (the board counts the new posts);
* normal (no row): the same notifications as tracking;
* muted: nothing from there.

A topic's own level wins over its category's. Posting in a topic makes you track it, unless
you already chose a level for it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.i18n import N_
from mediator_portal.notifications.models import Watch
from mediator_portal.notifications.services.errors import UnknownLevel

WATCHING, FIRST_POST, TRACKING, NORMAL, MUTED = (
    "watching",
    "watching_first_post",
    "tracking",
    "normal",
    "muted",
)
TOPIC, CATEGORY = "topic", "category"
LEVELS = {
    TOPIC: (WATCHING, TRACKING, NORMAL, MUTED),
    CATEGORY: (WATCHING, FIRST_POST, TRACKING, NORMAL, MUTED),
}
# Msgids (N_), translated where they are shown: the control is on every topic and category
# page, and a lazy string asks Flask-Babel again on each str() (about 15 µs, ten a page),
# where the page's template translates them through the catalogue it already holds.
LEVEL_LABELS = {
    WATCHING: N_("Watching"),
    FIRST_POST: N_("Watching first post"),
    TRACKING: N_("Tracking"),
    NORMAL: N_("Normal"),
    MUTED: N_("Muted"),
}
LEVEL_HINTS = {
    WATCHING: N_("You are told of every new post."),
    FIRST_POST: N_("You are told of every new topic."),
    TRACKING: N_("You are told when someone replies to you, quotes or mentions you."),
    NORMAL: N_("You are told when someone replies to you, quotes or mentions you."),
    MUTED: N_("You are never told of anything here."),
}
# The (level, label, hint) choices of each target type, built once.
CHOICES = {
    target_type: tuple((name, LEVEL_LABELS[name], LEVEL_HINTS[name]) for name in levels)
    for target_type, levels in LEVELS.items()
}


def check_level(target_type: str, level: str) -> None:
    """Raises UnknownLevel unless `level` exists for `target_type`."""
    if level not in LEVELS.get(target_type, ()):
        raise UnknownLevel()


def watch_level(session: Session, user_id: int, target_type: str, target_id: int) -> str:
    """The level `user_id` chose for one topic or category ("normal" when none)."""
    level = session.scalar(
        select(Watch.level).where(
            Watch.user_id == user_id,
            Watch.target_type == target_type,
            Watch.target_id == target_id,
        )
    )
    return level or NORMAL


def set_watch_level(
    session: Session, user_id: int, target_type: str, target_id: int, level: str
) -> None:
    """Set the level of one topic or category ("normal" removes the row). The caller has
    checked that the person may read it. Raises UnknownLevel."""
    check_level(target_type, level)
    where = (Watch.user_id == user_id, Watch.target_type == target_type)
    if level == NORMAL:
        session.execute(delete(Watch).where(*where, Watch.target_id == target_id))
        return
    statement = dialect_insert(session, Watch).values(
        user_id=user_id,
        target_type=target_type,
        target_id=target_id,
        level=level,
        updated_at=utcnow(),
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "target_type", "target_id"],
            set_={"level": level, "updated_at": utcnow()},
        )
    )


def track_if_unset(session: Session, user_id: int, topic_id: int) -> None:
    """Posting in a topic: track it, unless a level was already chosen (one statement)."""
    session.execute(
        dialect_insert(session, Watch)
        .values(
            user_id=user_id,
            target_type=TOPIC,
            target_id=topic_id,
            level=TRACKING,
            updated_at=utcnow(),
        )
        .on_conflict_do_nothing()
    )


def _levels_where(topic_id: int | None, category_id: int | None):
    parts = []
    if topic_id is not None:
        parts.append(and_(Watch.target_type == TOPIC, Watch.target_id == topic_id))
    if category_id is not None:
        parts.append(and_(Watch.target_type == CATEGORY, Watch.target_id == category_id))
    return or_(*parts)


def effective_levels(
    session: Session,
    topic_id: int | None,
    category_id: int | None,
    user_ids: Iterable[int] | None = None,
) -> dict[int, tuple[str | None, str | None]]:
    """{user id: (topic level, category level)} of those with a row for this topic or its
    category (all of them, or only `user_ids`): one query."""
    if topic_id is None and category_id is None:
        return {}
    query = select(Watch.user_id, Watch.target_type, Watch.level).where(
        _levels_where(topic_id, category_id)
    )
    if user_ids is not None:
        query = query.where(Watch.user_id.in_(set(user_ids)))
    levels: dict[int, list] = {}
    for user_id, target_type, level in session.execute(query):
        pair = levels.setdefault(user_id, [None, None])
        pair[0 if target_type == TOPIC else 1] = level
    return {user_id: (pair[0], pair[1]) for user_id, pair in levels.items()}


def post_level(pair: tuple[str | None, str | None]) -> str:
    """The level that decides about a new post: the topic's, else the category's."""
    topic_level, category_level = pair
    if topic_level:
        return topic_level
    if category_level in (WATCHING, MUTED, TRACKING):
        return category_level
    return NORMAL


@dataclass(frozen=True, slots=True)
class WatchControl:
    """What the watch-level control partial shows for one topic or category; the labels and
    hints are msgids, translated by the template with `_()`."""

    target_type: str
    target_id: int
    level: str
    choices: tuple[tuple[str, str, str], ...]  # (level, label msgid, hint msgid)

    @property
    def label(self) -> str:
        """The msgid of the current level's label."""
        return LEVEL_LABELS[self.level]


def watch_control(session: Session, user, target_type: str, target_id: int) -> WatchControl:
    """The control for `user` on one topic or category (one query), for
    `templates/notifications/_watch_control.html`."""
    level = watch_level(session, user.id, target_type, target_id)
    return WatchControl(target_type, target_id, level, CHOICES[target_type])


def watched(session: Session, user_id: int) -> list[Watch]:
    """Everything `user_id` watches, tracks or muted, newest choice first."""
    return list(
        session.scalars(
            select(Watch).where(Watch.user_id == user_id).order_by(Watch.updated_at.desc())
        )
    )
