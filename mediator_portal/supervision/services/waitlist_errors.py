"""The waitlist's domain errors (a translated message and an HTTP status each)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.supervision.services.errors import SupervisionError


class NoWaitlist(SupervisionError):
    status = 409
    message = _l("Only group slots have a waitlist.")


class SeatsFree(SupervisionError):
    status = 409
    message = _l("This slot has free seats: book one instead of joining the waitlist.")


class AlreadyWaiting(SupervisionError):
    status = 409
    message = _l("You are already on the waitlist of this slot.")


class NotOnWaitlist(SupervisionError):
    status = 409
    message = _l("You are no longer on the waitlist of this slot.")


class NoOffer(SupervisionError):
    status = 409
    message = _l("There is no seat on offer to you for this slot.")


class OfferExpired(SupervisionError):
    status = 409
    message = _l("The time to accept this seat has passed: it was offered to the next person.")


class HeldForWaitlist(SupervisionError):
    status = 409
    message = _l("The free seats of this slot are offered to the mediators on its waitlist first.")
