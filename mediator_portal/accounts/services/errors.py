"""The errors account services raise; each carries a message and an HTTP status."""

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError


class AccountError(PortalError):
    """Base of the errors raised by account services."""


class InvalidCredentials(AccountError):
    """Unknown e-mail, wrong password, or an account that cannot sign in (one message for all)."""

    status = 422
    message = _l("The e-mail or the password is not correct.")


class WeakPassword(AccountError):
    """The new password breaks the policy; `problems` lists why."""

    status = 422

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class EmailTaken(AccountError):
    """Another account already uses this e-mail address."""

    status = 409
    message = _l("An account with this e-mail already exists.")


class AlreadyActivated(AccountError):
    """The account has set its password: there is no invitation to renew."""

    status = 409


class TokenInvalid(AccountError):
    """The link was altered, already used, or replaced by a newer one."""

    status = 404


class TokenExpired(AccountError):
    """The link is genuine but too old."""

    status = 410
