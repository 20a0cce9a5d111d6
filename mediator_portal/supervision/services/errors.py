"""Clinical supervision's domain errors: each a translated message and an HTTP status,
answered by the app as a page or a JSON error (`mediator_portal.errors`)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError
from mediator_portal.supervision.models import NAME_MAX, REASON_MAX


class SupervisionError(PortalError):
    """Base of the supervision feature's errors."""


class NotFound(SupervisionError):
    """The slot, group, booking or person does not exist, or is not the viewer's to see."""

    status = 404
    message = _l("The page you asked for does not exist or was removed.")


class NotASupervisor(SupervisionError):
    status = 422
    message = _l("Please choose an active clinical supervisor.")


class NotAMediator(SupervisionError):
    status = 422
    message = _l("Only active intercultural mediators can be assigned to a supervisor.")


class AlreadyAssigned(SupervisionError):
    status = 409
    message = _l("This mediator is already supervised by that supervisor.")


class EmptyName(SupervisionError):
    status = 422
    message = _l("Please give the group a name.")


class NameTooLong(SupervisionError):
    status = 422
    message = _l("The name is too long: at most %(limit)s characters.", limit=NAME_MAX)


class NotYourSupervisee(SupervisionError):
    status = 422
    message = _l("A group holds only mediators you supervise.")


class EmptyGroup(SupervisionError):
    status = 422
    message = _l("Please choose at least one mediator for the group.")


class TimeDoesNotExist(SupervisionError):
    """A wall-clock time in the spring-forward gap, on `day` (an Athens date)."""

    status = 422

    def __init__(self, day):
        super().__init__(
            _l(
                "This time does not exist in Athens on %(day)s: the clocks go forward "
                "from 03:00 to 04:00. Please choose another time.",
                day=day.strftime("%d/%m/%Y"),
            )
        )


class BadDuration(SupervisionError):
    status = 422
    message = _l("The duration must be from 15 minutes to 8 hours.")


class BadCapacity(SupervisionError):
    status = 422
    message = _l("A group slot has from 2 to 50 seats; an individual slot has one.")


class UnknownGroup(SupervisionError):
    status = 422
    message = _l("Please choose one of your groups, or all your supervisees.")


class MissingPlace(SupervisionError):
    status = 422
    message = _l("An online slot needs its meeting link; one in person needs its place.")


class BadMeetingLink(SupervisionError):
    status = 422
    message = _l("The meeting link must be a web address starting with https://.")


class InThePast(SupervisionError):
    status = 422
    message = _l("A slot must start in the future.")


class BadRepeat(SupervisionError):
    status = 422
    message = _l("A weekly slot repeats until a day after its first one, at most 52 weeks later.")


class ReasonTooLong(SupervisionError):
    status = 422
    message = _l("The reason is too long: at most %(limit)s characters.", limit=REASON_MAX)


class ReasonRequired(SupervisionError):
    status = 422
    message = _l("Please say why: the mediators who booked are told.")


class CapacityBelowBookings(SupervisionError):
    status = 409
    message = _l("The slot already holds more bookings than that: keep at least as many seats.")


class SlotCancelled(SupervisionError):
    status = 409
    message = _l("This slot was cancelled.")


class SlotStarted(SupervisionError):
    status = 409
    message = _l("This slot has already started.")


class NotYourSupervisor(SupervisionError):
    status = 403
    message = _l("You can book only the slots of your own supervisor.")


class NotInGroup(SupervisionError):
    status = 403
    message = _l("This group slot is for the members of another supervision group.")


class TooLate(SupervisionError):
    status = 409

    def __init__(self, hours: int):
        super().__init__(
            _l("Slots are booked at least %(hours)s hours before they start.", hours=hours)
        )


class TooManyIndividual(SupervisionError):
    status = 409

    def __init__(self, limit: int):
        super().__init__(
            _l(
                "You already have %(limit)s individual sessions booked ahead, the most "
                "allowed: cancel one or wait until one has taken place.",
                limit=limit,
            )
        )


class Overlaps(SupervisionError):
    status = 409
    message = _l("You already have a booking at that time.")


class AlreadyBooked(SupervisionError):
    status = 409
    message = _l("You have already booked this slot.")


class SlotFull(SupervisionError):
    status = 409
    message = _l("This slot is full: every seat was taken.")


class NotBooked(SupervisionError):
    status = 409
    message = _l("This booking is no longer active.")


class Busy(SupervisionError):
    """The database stayed busy through the retries: nothing was written."""

    status = 503
    message = _l("Many people are booking right now and nothing was saved. Please try again.")
