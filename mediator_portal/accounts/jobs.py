"""The accounts feature's background jobs: the password-reset and sign-in-link e-mails,
sent by the worker, never inside the request.

Each request that asks for an e-mail passes a fresh `request_id`: the exactly-once key
holds it, so a second request is a new e-mail while a retried job is the same one. The
link's token is made inside the job, when the e-mail leaves (never a job argument: failed
jobs show their arguments to admins). Nothing is sent to an account that was deactivated,
deleted or has no password by the time the job runs.
"""

import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l

from mediator_portal.accounts import services
from mediator_portal.extensions import db
from mediator_portal.jobs import job
from mediator_portal.mailer import external_url, send_email
from mediator_portal.sent_once import send_once

RESET_SUBJECT = _l("Reset your password")
SIGN_IN_SUBJECT = _l("Finish signing in")


def new_request_id() -> str:
    """A fresh id for one request's e-mail (part of its exactly-once key)."""
    return secrets.token_urlsafe(12)


def _recipient(user_id: int) -> services.User | None:
    user = db.session.get(services.User, user_id)
    if user is None or not user.active or not user.has_password:
        return None
    return user


@job(retries=4, retry_delay=30)
def send_password_reset(user_id: int, request_id: str, base_url: str) -> bool:
    """E-mail the account `user_id` a link to choose a new password, once per request;
    raises MailError to be retried. True when the e-mail went out now."""
    user = _recipient(user_id)
    if user is None:
        return False
    app = current_app._get_current_object()

    def send() -> None:
        with app.test_request_context(base_url=base_url):
            token = services.make_token(user, services.RESET)
            send_email(
                user.email,
                RESET_SUBJECT,
                "password_reset",
                locale=user.locale,
                user=user,
                link=external_url("accounts.reset_password", token=token),
            )

    return send_once(db.session, f"password-reset:{user_id}:{request_id}", send)


@job(retries=4, retry_delay=30)
def send_sign_in_link(user_id: int, remember: bool, request_id: str, base_url: str) -> bool:
    """E-mail the account `user_id` a one-time sign-in link, once per request; raises
    MailError to be retried. True when the e-mail went out now."""
    user = _recipient(user_id)
    if user is None:
        return False
    app = current_app._get_current_object()

    def send() -> None:
        with app.test_request_context(base_url=base_url):
            token = services.make_sign_in_token(user, remember=remember)
            send_email(
                user.email,
                SIGN_IN_SUBJECT,
                "sign_in_link",
                locale=user.locale,
                name=user.name,
                link=external_url("accounts.sign_in_link", token=token),
                minutes=app.config["LOGIN_LINK_MAX_AGE"] // 60,
            )

    return send_once(db.session, f"sign-in-link:{user_id}:{request_id}", send)
