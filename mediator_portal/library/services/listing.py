"""Reading the library: the list with its filters and search, an item with its versions,
the "new since my last visit" and "seen by me" markers, and the count of mediators who
opened an item. Every query is filtered by what the viewer may see (`access`), so an item
hidden from someone is never found, counted or opened by them.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from markupsafe import Markup
from sqlalchemy import ColumnElement, and_, bindparam, func, literal, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal import fulltext
from mediator_portal.accounts.services import User
from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.library.models import (
    LibraryItem,
    LibraryTag,
    LibraryVersion,
    LibraryView,
    LibraryVisit,
    library_item_tags,
)
from mediator_portal.library.services import access
from mediator_portal.library.services.errors import NotFound
from mediator_portal.library.services.indexing import KIND
from mediator_portal.pagination import Page
from mediator_portal.permissions import Role

PER_PAGE = 20
# Pages opened within this time of each other are one visit: the "new" markers stay while
# one pages through the list, and are gone on the next visit.
VISIT_GAP = timedelta(minutes=30)
QUERY_MAX = 200


@dataclass(frozen=True)
class Filters:
    """What the list shows: filters combine (section AND tag AND language AND search)."""

    section_id: int | None = None
    tag: str | None = None  # a tag's folded key
    language: str | None = None
    query: str = ""
    deleted: bool = False  # managers: the deleted items instead of the live ones

    def args(self, **changes) -> dict:
        """The query-string arguments that give these filters (with `changes`)."""
        values = {
            "section": self.section_id,
            "tag": self.tag,
            "language": self.language,
            "q": self.query,
            "show": "deleted" if self.deleted else None,
            **changes,
        }
        return {name: value for name, value in values.items() if value}

    @property
    def active(self) -> bool:
        return bool(self.section_id or self.tag or self.language or self.query or self.deleted)


@dataclass
class LibraryPage(Page):
    """A page of the list, with what its rows are marked with."""

    new_since: datetime | None = None
    seen: frozenset[int] = frozenset()
    passages: dict[int, Markup] = field(default_factory=dict)
    searched: bool = False

    def is_new(self, item: LibraryItem) -> bool:
        return self.new_since is not None and item.created_at > self.new_since


def item_options():
    """What a row or an item page shows, loaded in a fixed number of queries."""
    return (
        selectinload(LibraryItem.tags),
        joinedload(LibraryItem.section),
        joinedload(LibraryItem.uploader),
        selectinload(LibraryItem.current_version).joinedload(LibraryVersion.stored_file),
    )


def _filtered(user, filters: Filters):
    statement = select(LibraryItem).where(
        access.visible_items_clause(user, deleted=filters.deleted)
    )
    if filters.section_id:
        statement = statement.where(LibraryItem.section_id == filters.section_id)
    if filters.language:
        wrapped = literal(",") + LibraryItem.languages + literal(",")
        statement = statement.where(wrapped.like(f"%,{filters.language},%"))
    if filters.tag:
        tagged = (
            select(library_item_tags.c.item_id)
            .join(LibraryTag, LibraryTag.id == library_item_tags.c.tag_id)
            .where(LibraryTag.key == filters.tag)
        )
        statement = statement.where(LibraryItem.id.in_(tagged))
    return statement


def library_page(
    session: Session, user, filters: Filters, number: int, *, new_since: datetime | None = None
) -> LibraryPage:
    """One page of the items `user` may see under `filters`: newest first, or best match
    first when searching. Raises NotFound for a page past the end."""
    statement = _filtered(user, filters)
    query = filters.query[:QUERY_MAX]
    match = fulltext.matching(KIND, query) if query.strip() else None
    if match is not None:
        found = match.subquery()
        statement = statement.join(found, found.c.object_id == LibraryItem.id).order_by(
            found.c.rank.desc(), LibraryItem.id.desc()
        )
    else:
        statement = statement.order_by(LibraryItem.created_at.desc(), LibraryItem.id.desc())
    if number < 1:
        raise NotFound()
    # The total comes with the rows (a window count): the search runs once, not twice.
    rows = session.execute(
        statement.add_columns(func.count().over().label("total"))
        .options(*item_options())
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).all()
    if not rows and number > 1:
        raise NotFound()  # past the end
    items = [row[0] for row in rows]
    total = rows[0].total if rows else 0
    pages = max(1, -(-total // PER_PAGE))
    ids = [item.id for item in items]
    seen = frozenset(
        session.scalars(
            select(LibraryView.item_id).where(
                LibraryView.user_id == user.id, LibraryView.item_id.in_(ids)
            )
        )
    )
    passages = fulltext.passages(session, KIND, ids, query) if match is not None and ids else {}
    return LibraryPage(
        page=number,
        pages=pages,
        items=items,
        total=total,
        new_since=new_since,
        seen=seen,
        passages=passages,
        searched=match is not None,
    )


def section_counts(session: Session, user) -> dict[int | None, int]:
    """{section id (None: no section): number of live items `user` may see}."""
    rows = session.execute(
        select(LibraryItem.section_id, func.count())
        .where(access.visible_items_clause(user))
        .group_by(LibraryItem.section_id)
    )
    return {section_id: count for section_id, count in rows}


def find_tag(session: Session, key: str | None) -> LibraryTag | None:
    return session.scalar(select(LibraryTag).where(LibraryTag.key == key)) if key else None


def new_since(session: Session, user, now: datetime | None = None) -> datetime | None:
    """Items added after this time are new to `user` (None: the first visit, nothing new
    but what was added since the account was made)."""
    now = now or utcnow()
    visit = session.get(LibraryVisit, user.id)
    if visit is None:
        return user.created_at
    if now - visit.last_visit_at > VISIT_GAP:
        return visit.last_visit_at
    return visit.previous_visit_at or user.created_at


def record_visit(session: Session, user, now: datetime | None = None) -> None:
    """Note that `user` opened the library now (see VISIT_GAP)."""
    now = now or utcnow()
    visit = session.get(LibraryVisit, user.id)
    if visit is None:
        session.add(LibraryVisit(user_id=user.id, last_visit_at=now, previous_visit_at=None))
    else:
        if now - visit.last_visit_at > VISIT_GAP:
            visit.previous_visit_at = visit.last_visit_at
        visit.last_visit_at = now
    session.flush()


VIEWER = bindparam("viewer_id")
SINCE = bindparam("viewer_since")
NEW_COUNT = "library_new"


def nav_count(role: str) -> dict[str, ColumnElement[int]]:
    """The navigation's count provider: the items added since the viewer (`:viewer_id`)
    last opened the library (or joined, `:viewer_since`) that a person of `role` may see."""
    last_visit = (
        select(LibraryVisit.last_visit_at).where(LibraryVisit.user_id == VIEWER).scalar_subquery()
    )
    added = LibraryItem.created_at
    count = (
        select(func.count(LibraryItem.id))
        .where(access.visible_to_role_clause(role))
        .where(or_(and_(last_visit.is_(None), added > SINCE), added > last_visit))
        .scalar_subquery()
    )
    return {NEW_COUNT: count}


def get_item(session: Session, user, item_id: int) -> LibraryItem:
    """The item `item_id` with what its page shows, if `user` may see it. Raises NotFound."""
    item = session.scalar(
        select(LibraryItem).where(LibraryItem.id == item_id).options(*item_options())
    )
    if item is None or not access.can_view_item(user, item):
        raise NotFound()
    return item


def versions(session: Session, item: LibraryItem) -> list[LibraryVersion]:
    """The item's versions, newest first, with their uploaders and files."""
    return list(
        session.scalars(
            select(LibraryVersion)
            .where(LibraryVersion.item_id == item.id)
            .options(joinedload(LibraryVersion.uploader), joinedload(LibraryVersion.stored_file))
            .order_by(LibraryVersion.number.desc())
        )
    )


def get_version(session: Session, item: LibraryItem, number: int) -> LibraryVersion:
    """Version `number` of `item` (whose access was checked). Raises NotFound."""
    version = session.scalar(
        select(LibraryVersion)
        .where(LibraryVersion.item_id == item.id, LibraryVersion.number == number)
        .options(joinedload(LibraryVersion.stored_file))
    )
    if version is None:
        raise NotFound()
    return version


def record_view(session: Session, user, item_id: int) -> None:
    """Mark item `item_id` as seen by `user` (first and last time)."""
    now = utcnow()
    insert = dialect_insert(session, LibraryView).values(
        user_id=user.id, item_id=item_id, first_opened_at=now, last_opened_at=now
    )
    session.execute(
        insert.on_conflict_do_update(
            index_elements=["user_id", "item_id"], set_={"last_opened_at": now}
        )
    )


def seen_by(session: Session, user, item_id: int) -> bool:
    return session.get(LibraryView, (user.id, item_id)) is not None


def mediators_opened(session: Session, item: LibraryItem) -> int:
    """How many mediators opened `item` (a count: never who)."""
    return session.scalar(
        select(func.count())
        .select_from(LibraryView)
        .join(User, User.id == LibraryView.user_id)
        .where(LibraryView.item_id == item.id, User.role == Role.MEDIATOR.value)
    )


def newest_items(session: Session, user, limit: int = 5) -> list[LibraryItem]:
    """The newest items `user` may see (the home page's panel)."""
    return list(
        session.scalars(
            select(LibraryItem)
            .where(access.visible_items_clause(user))
            .options(joinedload(LibraryItem.section))
            .order_by(LibraryItem.created_at.desc(), LibraryItem.id.desc())
            .limit(limit)
        )
    )
