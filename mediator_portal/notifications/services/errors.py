"""The notifications feature's errors (answered by the app's one handler)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError


class NotificationError(PortalError):
    """Base of this feature's errors."""


class NotFound(NotificationError):
    status = 404
    message = _l("This notification or page does not exist, or you may not see it.")


class UnknownLevel(NotificationError):
    status = 422
    message = _l("This watching level does not exist for this kind of page.")


class UnsubscribeLinkInvalid(NotificationError):
    status = 400
    message = _l(
        "This unsubscribe link is not valid: it may have been copied incompletely. "
        "You can change your e-mail preferences after signing in."
    )


class UnsubscribeLinkExpired(NotificationError):
    status = 410
    message = _l(
        "This unsubscribe link has expired. "
        "You can change your e-mail preferences after signing in."
    )
