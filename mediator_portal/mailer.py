"""Outgoing e-mail: one function, two transports.

`MAIL_BACKEND = "smtp"` sends through Flask-Mail; `"outbox"` writes each
message as an .eml file under MAIL_OUTBOX (development, so invitations can be
followed without a mail server). Raises MailError when the message cannot be sent.

Links in messages come from `external_url`, which uses PUBLIC_URL (scheme and
host, e.g. "https://portal.example.org") when it is set, so a forged Host
header cannot point a password-reset link at another site.
"""

import smtplib
import uuid
from email import policy
from pathlib import Path

from flask import current_app, has_request_context, render_template, request, url_for
from flask_babel import force_locale
from flask_mail import Message

from mediator_portal.extensions import mail


class MailError(Exception):
    """The message could not be handed to the mail server."""


class _Message(Message):
    """Flask-Mail's message, its headers written as Flask-Mail encoded them.

    Flask-Mail encodes a non-ASCII subject whole into RFC 2047 encoded words, then hands
    the message to the `email` package's SMTP policy, which folds it again; Python's
    folding of a subject mixing ASCII and Greek words drops the spaces between the Greek
    ones ("Καταγραφήτηςσυνάντησης"). Not refolding keeps them."""

    def _message(self):
        message = super()._message()
        message.policy = policy.SMTP.clone(refold_source="none")
        return message


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` for a link in an e-mail."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base.rstrip("/") + url_for(endpoint, **values)


def link_base() -> str:
    """The base of links in e-mails: PUBLIC_URL, else the address of the current request
    (handed to a job, which has no request of its own); outside a request (a receiver run
    by a job, a periodic job) SERVER_NAME, else http://localhost/."""
    config = current_app.config
    if config.get("PUBLIC_URL"):
        return config["PUBLIC_URL"]
    if has_request_context():
        return request.host_url
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME') or 'http'}://{config['SERVER_NAME']}/"
    return "http://localhost/"


def send_email(to: str, subject: str, template: str, *, locale: str = "el", **context) -> None:
    """Render `templates/email/<template>.txt` in `locale` and send it; raises MailError.

    Give `subject` as a lazy string so that it, too, is translated into `locale`.
    """
    with force_locale(locale):
        subject, body = str(subject), render_template(f"email/{template}.txt", **context)
    send_message(to, subject, body)


def send_message(
    to: str, subject: str, text: str, *, html: str | None = None, headers: dict | None = None
) -> None:
    """Send an e-mail already rendered: `text`, and `html` as its alternative part (multipart)
    when given, with `headers` added (List-Unsubscribe…); raises MailError."""
    message = _Message(
        subject=subject, recipients=[to], body=text, html=html, extra_headers=headers or None
    )
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "outbox":
        _write_to_outbox(message)
        return
    try:
        mail.send(message)
    except (smtplib.SMTPException, OSError) as error:
        current_app.logger.warning("mail to %s failed: %s", to, error)
        raise MailError(str(error)) from error


def _write_to_outbox(message: Message) -> None:
    outbox = Path(current_app.config["MAIL_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    if message.sender is None:
        message.sender = current_app.config["MAIL_DEFAULT_SENDER"]
    path = outbox / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(message.as_bytes())
    current_app.logger.info("mail to %s written to %s", message.recipients, path)
