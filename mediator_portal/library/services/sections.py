"""Sections of the library: listed for everyone, managed by trainers and admins."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.library.models import LibraryItem, LibrarySection
from mediator_portal.library.services import access
from mediator_portal.library.services.errors import NotAllowed, NotFound, SectionNotEmpty
from mediator_portal.ordering import move_one_step

SECTION_ORDER = (LibrarySection.position, LibrarySection.id)


def all_sections(session: Session) -> list[LibrarySection]:
    """Every section, in order."""
    return list(session.scalars(select(LibrarySection).order_by(*SECTION_ORDER)))


def get_section(session: Session, section_id: int) -> LibrarySection:
    """The section `section_id`. Raises NotFound."""
    section = session.get(LibrarySection, section_id)
    if section is None:
        raise NotFound()
    return section


def _require_manager(actor) -> None:
    if not access.can_manage(actor):
        raise NotAllowed()


def _clean(name: str | None) -> str:
    return " ".join((name or "").replace("\x00", "").split())


def create_section(session: Session, *, actor, name_el: str, name_en: str = "") -> LibrarySection:
    """Add a section at the end of the list. Raises NotAllowed unless `actor` manages."""
    _require_manager(actor)
    position = session.scalar(select(func.coalesce(func.max(LibrarySection.position), 0))) + 1
    section = LibrarySection(name_el=_clean(name_el), name_en=_clean(name_en), position=position)
    session.add(section)
    session.flush()
    audit.record(session, actor=actor, action="library.section.create", target=section)
    return section


def update_section(session: Session, section: LibrarySection, *, actor, name_el, name_en) -> None:
    """Rename `section`. Raises NotAllowed."""
    _require_manager(actor)
    section.name_el, section.name_en = _clean(name_el), _clean(name_en)
    session.flush()
    audit.record(session, actor=actor, action="library.section.update", target=section)


def move_section(session: Session, section: LibrarySection, *, actor, direction: str) -> None:
    """Swap `section` with its neighbour above ("up") or below ("down"). Raises NotAllowed."""
    _require_manager(actor)
    if move_one_step(all_sections(session), section, direction):
        session.flush()


def delete_section(session: Session, section: LibrarySection, *, actor) -> None:
    """Remove an empty section (deleted items in it are left without one).

    Raises NotAllowed, SectionNotEmpty when live items are in it.
    """
    _require_manager(actor)
    live = session.scalar(
        select(func.count())
        .select_from(LibraryItem)
        .where(LibraryItem.section_id == section.id, LibraryItem.deleted_at.is_(None))
    )
    if live:
        raise SectionNotEmpty()
    audit.record(session, actor=actor, action="library.section.delete", target=section)
    session.delete(section)
    session.flush()
