"""The errors of attendance, hours and periods (each a translated message and a status)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.supervision.models import COMMENT_MAX, PERIOD_NAME_MAX, TARGET_MAX
from mediator_portal.supervision.services.errors import SupervisionError


class NotStartedYet(SupervisionError):
    status = 409
    message = _l("Attendance is marked once the slot has started.")


class UnknownMark(SupervisionError):
    status = 422
    message = _l("Please mark only the mediators of this slot, as attended, no-show or late.")


class NotAttended(SupervisionError):
    status = 409
    message = _l("Only a session marked as attended can be confirmed or disputed.")


class CommentRequired(SupervisionError):
    status = 422
    message = _l("Please say what is wrong: your supervisor reads it.")


class CommentTooLong(SupervisionError):
    status = 422
    message = _l("The comment is too long: at most %(limit)s characters.", limit=COMMENT_MAX)


class PeriodNameRequired(SupervisionError):
    status = 422
    message = _l("Please give the period a name.")


class PeriodNameTooLong(SupervisionError):
    status = 422
    message = _l("The name is too long: at most %(limit)s characters.", limit=PERIOD_NAME_MAX)


class BadPeriodDays(SupervisionError):
    status = 422
    message = _l("The period must end on or after the day it starts.")


class BadTarget(SupervisionError):
    status = 422
    message = _l("The target is a whole number of hours, from 0 to %(limit)s.", limit=TARGET_MAX)
