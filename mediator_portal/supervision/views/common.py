"""The supervision blueprint and the helpers its views share: the week and month in the
query string, and a service error shown beside the form field it is about."""

from datetime import date

from flask import Blueprint, request

from mediator_portal.arguments import BadArgument
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.services import errors
from mediator_portal.timezones import to_local

bp = Blueprint("supervision", __name__, url_prefix="/supervision")

# Which field a service error is shown beside (the first that the form has).
FIELDS = (
    ((errors.EmptyName, errors.NameTooLong), "name"),
    ((errors.EmptyGroup, errors.NotYourSupervisee), "members"),
    ((errors.NotASupervisor, errors.NotAMediator, errors.AlreadyAssigned), "supervisor"),
    ((errors.BadCapacity, errors.CapacityBelowBookings), "capacity"),
    ((errors.UnknownGroup,), "group"),
    ((errors.MissingPlace,), "place"),
    ((errors.BadMeetingLink,), "meeting_url"),
    ((errors.BadDuration,), "minutes"),
    ((errors.BadRepeat,), "repeat_until"),
    ((errors.TimeDoesNotExist, errors.InThePast), "start"),
    ((errors.ReasonRequired, errors.ReasonTooLong), "reason"),
)


def form_failed(form, error: services.SupervisionError) -> int:
    """Show `error` beside its field of `form` (or above the form); returns its status."""
    db.session.rollback()
    for kinds, name in FIELDS:
        if isinstance(error, kinds) and hasattr(form, name):
            field = getattr(form, name)
            field.errors = [*field.errors, str(error.message)]
            return error.status
    form.form_errors.append(str(error.message))
    return error.status


def today() -> date:
    return to_local(utcnow()).date()


def week_arg() -> date:
    """?week=YYYY-MM-DD (any day of it; this week when missing). Raises BadArgument."""
    raw = request.args.get("week", "")
    if not raw:
        return services.monday_of(today())
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise BadArgument() from None
    if not 1900 <= day.year <= 2999:
        raise BadArgument()
    return services.monday_of(day)
