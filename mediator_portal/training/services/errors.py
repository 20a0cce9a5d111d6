"""The training feature's domain errors: each a translated message and an HTTP status,
answered by the app as a page or a JSON error (`mediator_portal.errors`)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError
from mediator_portal.training.models import BODY_MAX, THEME_NAME_MAX, TITLE_MAX


class TrainingError(PortalError):
    """Base of the training feature's errors."""


class NotFound(TrainingError):
    """The proposal, comment or theme does not exist (or may not be seen)."""

    status = 404
    message = _l("The page you asked for does not exist or was removed.")


class NotAllowed(TrainingError):
    status = 403
    message = _l("You are not allowed to do this.")


class EmptyTitle(TrainingError):
    status = 422
    message = _l("Please give the proposal a title.")


class TitleTooLong(TrainingError):
    status = 422
    message = _l("The title is too long: at most %(limit)s characters.", limit=TITLE_MAX)


class EmptyText(TrainingError):
    status = 422
    message = _l("Please write something.")


class TextTooLong(TrainingError):
    status = 422
    message = _l("The text is too long: at most %(limit)s characters are allowed.", limit=BODY_MAX)


class UnknownTheme(TrainingError):
    status = 422
    message = _l("Please choose one of the themes in the list.")


class UnknownLanguage(TrainingError):
    status = 422
    message = _l("Please choose languages from the list.")


class EmptyThemeName(TrainingError):
    status = 422
    message = _l("Please give the theme a Greek name.")


class ThemeNameTooLong(TrainingError):
    status = 422
    message = _l("The name is too long: at most %(limit)s characters.", limit=THEME_NAME_MAX)


class ProposalClosed(TrainingError):
    """Supports and comments are taken only while a proposal is open."""

    status = 409
    message = _l("This proposal is closed: it takes no more supports or comments.")


class ProposalMerged(TrainingError):
    status = 409
    message = _l(
        "This proposal was merged into another one: please support or comment there instead."
    )


class InvalidTransition(TrainingError):
    status = 409
    message = _l("A proposal cannot move to this status from its current one.")


class InvalidMergeTarget(TrainingError):
    status = 422
    message = _l(
        "Choose another open proposal to merge into (not this one, nor one merged already)."
    )


class QueryTooLong(TrainingError):
    status = 400
    message = _l("The search text is too long: at most %(limit)s characters.", limit=TITLE_MAX)


class TimeDoesNotExist(TrainingError):
    status = 422
    message = _l(
        "This time does not exist in Athens on that day: the clocks go forward from 03:00 "
        "to 04:00. Please choose another time."
    )


class EndsBeforeStart(TrainingError):
    status = 422
    message = _l("The session must end after it starts.")


class MissingPlace(TrainingError):
    status = 422
    message = _l("An online session needs its meeting link; one in person needs its place.")


class BadMeetingLink(TrainingError):
    status = 422
    message = _l("The meeting link must be a web address starting with https://.")


class BadCapacity(TrainingError):
    status = 422
    message = _l("The capacity must be a whole number from 1 to 1000, or empty for no limit.")


class UnknownAnswer(TrainingError):
    status = 422
    message = _l("Please answer going, maybe or not going.")


class SessionOver(TrainingError):
    status = 409
    message = _l("This session is over: it takes no more answers.")


class NotStarted(TrainingError):
    status = 409
    message = _l("Attendance is marked once the session has started.")


class UnknownAttendance(TrainingError):
    status = 422
    message = _l("Choose present, absent or excused for each person.")


class UnknownMember(TrainingError):
    status = 422
    message = _l("There is no active member by that name.")


class BadFilter(TrainingError):
    status = 422
    message = _l("The filters are not valid: correct them on the page and try again.")


class NoMaterial(TrainingError):
    status = 422
    message = _l("Please choose at least one file, or give a web address.")


class LinkTitleMissing(TrainingError):
    status = 422
    message = _l("Please give the link a title.")


class ProposalLocked(TrainingError):
    """Authors edit their proposal only while it is proposed or under review."""

    status = 409
    message = _l(
        "This proposal can no longer be edited: the trainers have answered it. Add a comment "
        "instead."
    )


class EditConflict(TrainingError):
    status = 409
    message = _l(
        "Someone else edited this proposal after you opened it. Your text is kept below: "
        "open the proposal again to see their changes before saving yours."
    )


class SessionCancelled(TrainingError):
    status = 409
    message = _l("This session was cancelled: it takes no more answers or changes.")


class SessionPast(TrainingError):
    status = 409
    message = _l("This session is over: it can no longer be changed or cancelled.")


class CapacityBelowGoing(TrainingError):
    status = 422
    message = _l(
        "More people are already going than that: the places cannot be fewer than those going."
    )


class EmptyReason(TrainingError):
    status = 422
    message = _l("Please say why the session is cancelled: everyone who answered is told.")


class ReasonTooLong(TrainingError):
    status = 422
    message = _l("The reason is too long: at most 1000 characters.")
