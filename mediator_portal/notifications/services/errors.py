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
