"""The category list: each category the viewer may see, named in their language, with
its counts, the viewer's unread topics and the last active topic, in one query.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import Session, aliased

from mediator_portal.accounts.services import User
from mediator_portal.forums.models import Category, Topic
from mediator_portal.forums.services import access
from mediator_portal.forums.services.categories import CATEGORY_ORDER
from mediator_portal.forums.services.topic_lists import category_count_columns


class LastTopic(NamedTuple):
    """What the category list shows of a category's most recently active topic."""

    id: int
    title: str
    last_post_at: datetime
    poster_name: str | None


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """What the category list shows of one category, in the viewer's language."""

    id: int
    name: str
    description: str
    archived: bool
    sensitive: bool
    topic_count: int
    post_count: int
    last_post_at: datetime | None
    unread: int  # topics opened before, with posts after the last one read
    new: int  # topics never opened, started after the viewer's account was created
    last_topic: LastTopic | None

    @property
    def fresh(self) -> int:
        """The topics with news for the viewer: unread and new."""
        return self.unread + self.new


LAST_TOPIC = aliased(Topic, name="last_topic")
LAST_POSTER = aliased(User, name="last_poster")


@lru_cache(maxsize=16)
def _index_statement(role, moderator: bool) -> Select:
    """The category list's statement for one role, the viewer's id left as `:viewer_id`.

    Built once per role: building it (and its aliases) costs more than running it. The
    category list is a measured hot path (bench/forum_pages.py): it loads the columns it
    shows, not entities (loading 5 categories as ORM objects cost about as much as the
    rest of the query).
    """
    shown = LAST_TOPIC.id == Category.last_topic_id
    if not moderator:
        shown = and_(shown, LAST_TOPIC.hidden.is_(False))
    unread, new = category_count_columns(moderator)
    return (
        select(
            *INDEX_COLUMNS,
            unread,
            new,
            LAST_TOPIC.id,
            LAST_TOPIC.title,
            LAST_TOPIC.last_post_at,
            LAST_POSTER.name,
        )
        .where(access.visible_to_role_clause(role))
        .outerjoin(LAST_TOPIC, shown)
        .outerjoin(LAST_POSTER, LAST_POSTER.id == LAST_TOPIC.last_poster_id)
        .order_by(*CATEGORY_ORDER)
    )


INDEX_COLUMNS = (
    Category.id,
    Category.name_el,
    Category.name_en,
    Category.description_el,
    Category.description_en,
    Category.archived,
    Category.sensitive,
    Category.topic_count,
    Category.post_count,
    Category.last_post_at,
)


def index_page(session: Session, user, locale: str) -> list[CategoryRow]:
    """The categories `user` may see with unread counts and last active topic, named in
    `locale` ("el", "en"; Greek when a category has no English). One query."""
    statement = _index_statement(user.role, access.is_moderator(user))
    english = locale == "en"
    rows = []
    params = {"viewer_id": user.id, "viewer_since": user.created_at}
    for row in session.execute(statement, params):
        (id_, name_el, name_en, about_el, about_en, *flags, unread, new, topic_id) = row[:13]
        rows.append(
            CategoryRow(
                id_,
                (english and name_en) or name_el,
                (english and about_en) or about_el,
                *flags,
                unread or 0,
                new or 0,
                LastTopic(topic_id, *row[13:]) if topic_id is not None else None,
            )
        )
    return rows
