"""What the admin services share: their errors, the acting administrator, audit recording."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.accounts.services import User
from mediator_portal.errors import PortalError


class AdminError(PortalError):
    """Base of the errors raised by administration services."""


class CannotDeactivateSelf(AdminError):
    """An administrator tried to deactivate their own account."""

    status = 409
    message = _l("You cannot deactivate your own account.")


class CannotDemoteSelf(AdminError):
    """An administrator tried to remove their own administrator role."""

    status = 409
    message = _l("You cannot remove your own administrator role.")


class InvitationNotPending(AdminError):
    """The account has already set a password, or is deactivated: no invitation to re-send."""

    status = 409
    message = _l("This account has no pending invitation to re-send.")


class NameTaken(AdminError):
    """Another region (or municipality of the same region) has this name; `field` says which."""

    status = 422
    message = _l("Another place already has this name.")

    def __init__(self, field: str):
        super().__init__()
        self.field = field


@dataclass(frozen=True)
class Actor:
    """Who performs an administrative action, and from which address (for the audit log)."""

    user: User
    ip: str | None = None


def record_action(session: Session, by: Actor, action: str, target, **details) -> None:
    """Add the audit entry of `action` by `by` on `target` to the current transaction."""
    audit.record(session, actor=by.user, action=action, target=target, details=details, ip=by.ip)


def tidy(text: str | None) -> str:
    """`text` with runs of white space collapsed and the ends stripped."""
    return " ".join((text or "").split())
