"""The library's domain errors: each carries a translated message and an HTTP status."""

from flask_babel import lazy_gettext as _l

from mediator_portal.errors import PortalError


class LibraryError(PortalError):
    """Base of the library's errors."""


class NotFound(LibraryError):
    """The item does not exist or the person may not see it (both look the same)."""

    status = 404
    message = _l("The page you asked for does not exist or was removed.")


class NotAllowed(LibraryError):
    status = 403
    message = _l("You are not allowed to do this.")


class BadLink(LibraryError):
    status = 400
    message = _l("The link must be a full web address starting with http:// or https://.")


class NoFile(LibraryError):
    status = 400
    message = _l("Please choose at least one file.")


class SectionNotEmpty(LibraryError):
    status = 400
    message = _l("This section still holds items: move or delete them first.")


class NotAFile(LibraryError):
    status = 400
    message = _l("This item is a link: it has no file to replace.")


class OneFileAtATime(LibraryError):
    status = 400
    message = _l("Send one file per request.")
