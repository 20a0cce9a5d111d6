"""The calendar feature's domain errors: each a translated message and an HTTP status,
answered by the app as a page or a JSON error (`mediator_portal.errors`)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError


class CalendarError(PortalError):
    """Base of the calendar feature's errors."""


class FeedNotFound(CalendarError):
    """No feed has this address: never made, made again since (the old address dies), or
    its owner's account is closed. The same answer in every case."""

    status = 404
    message = _l(
        "This calendar address does not work (any more). Its owner can find the current "
        "address on the portal, under My calendar."
    )
