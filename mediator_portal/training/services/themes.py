"""The list of themes trainers keep (Greek and English names, an order, archived ones
kept for the proposals that use them)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.training.models import THEME_NAME_MAX, TrainingTheme
from mediator_portal.training.services.errors import EmptyThemeName, NotFound, ThemeNameTooLong
from mediator_portal.training.services.roles import require_manager


def themes(session: Session, *, include_archived: bool = False) -> list[TrainingTheme]:
    """The themes in their order (archived ones only when asked)."""
    query = select(TrainingTheme).order_by(TrainingTheme.position, TrainingTheme.id)
    if not include_archived:
        query = query.where(TrainingTheme.archived.is_(False))
    return list(session.scalars(query))


def get_theme(session: Session, theme_id: int) -> TrainingTheme:
    """Raises NotFound."""
    theme = session.get(TrainingTheme, theme_id)
    if theme is None:
        raise NotFound()
    return theme


def _names(name_el: str | None, name_en: str | None) -> tuple[str, str]:
    name_el = " ".join((name_el or "").replace("\x00", "").split())
    name_en = " ".join((name_en or "").replace("\x00", "").split())
    if not name_el:
        raise EmptyThemeName()
    if len(name_el) > THEME_NAME_MAX or len(name_en) > THEME_NAME_MAX:
        raise ThemeNameTooLong()
    return name_el, name_en


def create_theme(session: Session, *, actor, name_el: str, name_en: str = "") -> TrainingTheme:
    """Add a theme at the end of the list. Raises NotAllowed, EmptyThemeName,
    ThemeNameTooLong."""
    require_manager(actor)
    name_el, name_en = _names(name_el, name_en)
    last = session.scalar(select(func.max(TrainingTheme.position))) or 0
    theme = TrainingTheme(name_el=name_el, name_en=name_en, position=last + 1)
    session.add(theme)
    session.flush()
    audit.record(session, actor=actor, action="training.theme.create", target=theme)
    return theme


def update_theme(
    session: Session, theme: TrainingTheme, *, actor, name_el: str, name_en: str, archived: bool
) -> TrainingTheme:
    """Rename or (un)archive a theme. Raises NotAllowed, EmptyThemeName, ThemeNameTooLong."""
    require_manager(actor)
    theme.name_el, theme.name_en = _names(name_el, name_en)
    theme.archived = archived
    session.flush()
    audit.record(session, actor=actor, action="training.theme.update", target=theme)
    return theme
