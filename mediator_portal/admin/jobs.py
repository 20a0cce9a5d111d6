"""The admin feature's background jobs: the invitation e-mail, sent by the worker."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.jobs import job
from mediator_portal.mailer import external_url, send_email
from mediator_portal.sent_once import send_once

INVITATION_SUBJECT = _l("Your invitation to the Mediator Portal")


def invitation_key(user: accounts.User) -> str:
    """The invitation's exactly-once key: a re-sent invitation is a new one."""
    return f"invitation:{user.id}:{user.invited_at.isoformat()}"


@job(retries=4, retry_delay=30)
def send_invitation(user_id: int, base_url: str) -> bool:
    """E-mail the account `user_id` its pending invitation, once, with a fresh link built on
    PUBLIC_URL (or `base_url`, the address the admin used); raises MailError to be retried.

    Nothing is sent for an account that has set its password, was deactivated or deleted.
    True when the e-mail went out now.
    """
    user = db.session.get(accounts.User, user_id)
    if user is None or not user.active or user.has_password or user.invited_at is None:
        return False
    app = current_app._get_current_object()

    def send() -> None:
        with app.test_request_context(base_url=base_url):
            token = accounts.make_token(user, accounts.INVITE)
            send_email(
                user.email,
                INVITATION_SUBJECT,
                "invitation",
                locale=user.locale,
                user=user,
                link=external_url("accounts.accept_invitation", token=token),
                days=app.config["INVITATION_MAX_AGE"] // 86400,
            )

    return send_once(db.session, invitation_key(user), send)
