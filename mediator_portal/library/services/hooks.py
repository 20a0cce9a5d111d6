"""How other features attach to library items without the library knowing them: they
register a backlink provider (what an item's page says the item belongs to, e.g. "Material
of the training session X") and load items by id, filtered by who may see them.

The library imports no other feature: providers are registered by the feature that owns
what the backlink points at, when its package is imported.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.library.models import LibraryItem, LibrarySection
from mediator_portal.library.services import access


@dataclass(frozen=True)
class Backlink:
    """A line of an item's page: `lead` (translated text) then a link titled `title` to
    `endpoint` with `values`."""

    lead: str
    title: str
    endpoint: str
    values: dict[str, Any] = field(default_factory=dict)


# provider(session, viewer, item) -> list[Backlink], in one query.
BacklinkProvider = Callable[[Session, Any, LibraryItem], list[Backlink]]
PROVIDERS: list[BacklinkProvider] = []


def register_backlinks(provider: BacklinkProvider) -> BacklinkProvider:
    """Add `provider` (once) to those asked by every item page."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def backlinks(session: Session, viewer, item: LibraryItem) -> list[Backlink]:
    """Every registered provider's backlinks for `item` as `viewer` sees it (one query per
    provider)."""
    return [link for provider in PROVIDERS for link in provider(session, viewer, item)]


def items_by_id(session: Session, ids: Iterable[int]) -> dict[int, LibraryItem]:
    """{id: item} of the items that exist, deleted ones included (one query): for another
    feature's notification resolver, which asks `can_view_item` per person."""
    rows = session.scalars(select(LibraryItem).where(LibraryItem.id.in_(set(ids))))
    return {item.id: item for item in rows}


def visible_items(session: Session, viewer, ids) -> list[LibraryItem]:
    """The items among `ids` (a list or a SELECT of ids) that `viewer` may see in a list
    (live, for everyone or their role), oldest first (one query)."""
    return list(
        session.scalars(
            select(LibraryItem)
            .where(LibraryItem.id.in_(ids), access.visible_items_clause(viewer))
            .order_by(LibraryItem.created_at, LibraryItem.id)
        )
    )


def find_section(session: Session, name_el: str, name_en: str) -> LibrarySection | None:
    """The first section named `name_el` (Greek) or `name_en` (English), or None."""
    return session.scalar(
        select(LibrarySection)
        .where((LibrarySection.name_el == name_el) | (LibrarySection.name_en == name_en))
        .order_by(LibrarySection.position, LibrarySection.id)
        .limit(1)
    )
