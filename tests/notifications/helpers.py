"""Helpers for the notification tests: the rows a person has, by kind; failures in the
middle of sending an e-mail."""

from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.mailer import MailError
from mediator_portal.notifications.models import Notification


def rows_of(user) -> list[Notification]:
    """Every notification of `user`, oldest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.recipient_id == user.id)
            .order_by(Notification.id)
            .execution_options(populate_existing=True)
        )
    )


def kinds_of(user) -> list[str]:
    return [row.kind for row in rows_of(user)]


def text_of(message) -> str:
    """Everything a person could read of `message`: subject, headers, text and HTML parts."""
    parts = [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return "\n".join(parts)


def parts_of(message) -> dict[str, str]:
    """{"plain": text, "html": html} of a multipart message."""
    return {
        kind: message.get_body(preferencelist=(kind,)).get_content() for kind in ("plain", "html")
    }


# What the failure wrappers below saw: one entry per attempt (cleared by each test).
ATTEMPTS: list[str] = []


def crash_after_sending(real):
    """`sent_once.send_once` that sends, then crashes the first time (the worker died after
    the e-mail left and before its claim was committed)."""

    def send_once(session, key, send):
        ATTEMPTS.append(key)
        sent = real(session, key, send)
        if len(ATTEMPTS) == 1:
            raise RuntimeError("the worker crashed after the e-mail left")
        return sent

    return send_once


def mail_server_down_once(real):
    """`mailer.send_message` whose first call fails (the SMTP connection was reset)."""

    def send_message(*args, **kwargs):
        ATTEMPTS.append("send")
        if len(ATTEMPTS) == 1:
            raise MailError("connection reset")
        return real(*args, **kwargs)

    return send_message
