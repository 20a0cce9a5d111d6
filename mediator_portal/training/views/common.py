"""The training blueprint and the helpers its views share."""

from flask import Blueprint
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.forms import options
from mediator_portal.training import services
from mediator_portal.training.services import TrainingError

bp = Blueprint("training", __name__, url_prefix="/training")


@bp.context_processor
def _training_context() -> dict:
    """What every training page reads: the statuses' msgids (translated by the template)."""
    return {"labels": services.STATUS_LABELS, "can_manage": services.can_manage(current_user)}


def locale() -> str:
    return str(get_locale() or "el")


def load_proposal(proposal_id: int):
    """The proposal with what its page shows. Raises NotFound (answered as a 404)."""
    return services.get_proposal(db.session, proposal_id)


def theme_choices(blank: str | None = None) -> list[SelectChoice]:
    """The themes offered, in the request's language, after a `blank` choice if given."""
    here = locale()
    first = [("", blank)] if blank else []
    return options(first + [(theme.id, theme.label(here)) for theme in services.themes(db.session)])


def language_choices() -> list[SelectChoice]:
    return options(accounts.language_choices())


def status_label(status: str) -> str:
    return _(services.STATUS_LABELS.get(status, status))


def form_failed(form, error: TrainingError, field: str = "body") -> int:
    """Show a service error beside the form field it is about; returns the HTTP status."""
    db.session.rollback()
    if isinstance(error, services.EmptyTitle | services.TitleTooLong) and hasattr(form, "title"):
        field = "title"
    elif isinstance(error, services.UnknownTheme) and hasattr(form, "theme"):
        field = "theme"
    elif isinstance(error, services.UnknownLanguage) and hasattr(form, "languages"):
        field = "languages"
    elif isinstance(error, services.InvalidMergeTarget) and hasattr(form, "merge_into"):
        field = "merge_into"
    elif isinstance(error, services.EmptyThemeName | services.ThemeNameTooLong):
        field = "name_el"
    if isinstance(error, services.EmptyTitle | services.TitleTooLong):
        field = "title"
    target = getattr(form, field)
    target.errors = [*target.errors, str(error.message)]
    return error.status
