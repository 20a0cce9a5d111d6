"""Errors: a clear message in the person's language, as a page or as JSON, never a stack trace.

`PortalError` is the base of every feature's domain errors (`TopicLocked`, `EmailTaken`…):
a message for the person and an HTTP status. Services raise them; one app-level handler
rolls the transaction back and answers with the error page, or with
`{"error", "code", "message", "status"}` to a client that asked for JSON. Views catch
them only to show the message beside a form field.
"""

import re

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError, default_exceptions

from mediator_portal.extensions import db

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    401: (_l("Sign in required"), _l("Please sign in to continue.")),
    403: (_l("Not allowed"), _l("Your account is not allowed to open this page.")),
    404: (_l("Page not found"), _l("The page you asked for does not exist or was removed.")),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    409: (
        _l("Changed meanwhile"),
        _l(
            "This was changed by someone else in the meantime. "
            "Please reload the page and try again."
        ),
    ),
    413: (_l("File too large"), _l("The file or form you sent is larger than the limit.")),
    429: (
        _l("Too many attempts"),
        _l("You have tried too many times in a short while. Please wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. It has been recorded; please try again later."),
    ),
}
CSRF_MESSAGE = _l(
    "The form has expired or was not sent from this site. "
    "Please reload the page and try again; what you typed is kept where possible."
)


class PortalError(Exception):
    """Base of the domain errors: `message` is shown to the person, `status` is answered."""

    status = 400
    message = _l("This action could not be completed.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))

    @property
    def code(self) -> str:
        """A stable machine-readable name of the error ("topic_locked")."""
        return _snake(type(self).__name__)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def json_view(view):
    """Declare that `view` answers JSON only: its errors are answered as JSON too."""
    view.answers_json = True
    return view


def wants_json() -> bool:
    """True when the client asked for JSON (fetch/XHR) rather than a page, or the view
    answers JSON only (`json_view`)."""
    if request.is_json or request.path.startswith("/api/"):
        return True
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if getattr(view, "answers_json", False):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _respond(code: int, message: str | None = None, name: str | None = None):
    title, default_message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    text = str(message or default_message)
    if wants_json():
        return jsonify(error=str(title), code=name, message=text, status=code), code
    try:
        page = render_template("errors/error.html", code=code, title=title, message=text)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        current_app.logger.exception("error page %s could not be rendered", code)
        page = _bare_page(code, str(title), text)
    return page, code


def _bare_page(code: int, title: str, message: str) -> str:
    """A page without the layout, for when the layout itself cannot be rendered."""
    try:
        lang = str(get_locale() or "el")
    except Exception:  # noqa: BLE001
        lang = "el"
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{code} {escape(title)}</title></head><body><main><h1>{escape(title)}</h1>"
        f'<p>{escape(message)}</p><p><a href="/">/</a></p></main></body></html>'
    )


def handle_http_error(error: HTTPException):
    """Render any HTTP error with our page; keeps a specific description given to abort()."""
    code = error.code or 500
    custom = error.description if getattr(error, "custom_message", False) else None
    response = _respond(code, custom, _snake(type(error).__name__))
    if code == 429 and getattr(error, "retry_after", None):
        response[0].headers["Retry-After"] = str(error.retry_after)
    return response


def handle_csrf_error(_error: CSRFError):
    """A missing or wrong CSRF token: 400 with a message that says what to do."""
    return _respond(400, CSRF_MESSAGE, "csrf_error")


def handle_portal_error(error: PortalError):
    """A domain error no view turned into a form message: roll back, answer its status."""
    db.session.rollback()
    return _respond(error.status, str(error.message), error.code)


def handle_conflict(error: StaleDataError | IntegrityError):
    """Another request changed what this one was writing between its read and its write (a
    versioned row such as a post, or a row a foreign key points to, deleted meanwhile):
    roll back and ask the person to reload, never a 500. Logged as a warning: a constraint
    broken by this request's own mistake shows there too."""
    db.session.rollback()
    current_app.logger.warning("conflict answered 409: %s", str(error).splitlines()[0])
    return _respond(409, name="conflict")


def handle_deleted_meanwhile(error: ObjectDeletedError):
    """A row this request had read was deleted by another before it was read again (after a
    commit): what the request was about is gone, so 404, never a 500."""
    db.session.rollback()
    current_app.logger.warning("a row deleted meanwhile answered 404: %s", error)
    return _respond(404, name="not_found")


def handle_unexpected(error: Exception):
    """Anything unhandled: log it and answer 500 without details."""
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    current_app.logger.exception("unhandled error", exc_info=error)
    # Whatever the request was doing is abandoned; the error page may need a usable session.
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the database may be what failed
        current_app.logger.exception("rollback after an unhandled error failed")
    return _respond(500, name="server_error")


def register_errors(app: Flask) -> None:
    """Install the handlers on `app`."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(PortalError, handle_portal_error)
    app.register_error_handler(StaleDataError, handle_conflict)
    app.register_error_handler(IntegrityError, handle_conflict)
    app.register_error_handler(ObjectDeletedError, handle_deleted_meanwhile)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)


def abort_with(code: int, message: str):
    """Abort with `code` and a specific, translated `message` shown to the person."""
    error = default_exceptions[code](description=message)
    error.custom_message = True
    raise error
