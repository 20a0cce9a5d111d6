"""One-time sign-in links, e-mailed when the right password is given for an account under
protection (`throttling`).

A link is signed and carries the account id, the "keep me signed in" choice and a
fingerprint of the account's password and last sign-in: it stops working once it has
been used (the sign-in changes the fingerprint), after any other sign-in, when the
password changes, and after `LOGIN_LINK_MAX_AGE` seconds. Raises TokenExpired or
TokenInvalid.
"""

import hashlib
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from mediator_portal.accounts.models import User
from mediator_portal.accounts.services.errors import TokenExpired, TokenInvalid

SALT = "accounts.sign-in-link"


@dataclass
class SignInLink:
    """What a valid link stands for: the account, and whether to keep the browser signed in."""

    user: User
    remember: bool


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    last = user.last_login_at.isoformat() if user.last_login_at else ""
    state = f"{user.password_hash or ''}|{last}"
    return hashlib.sha256(state.encode()).hexdigest()[:20]


def make_sign_in_token(user: User, *, remember: bool) -> str:
    """A signed one-time sign-in token for `user`."""
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user), "rm": bool(remember)})


def read_sign_in_token(session: Session, token: str) -> SignInLink:
    """What `token` stands for; raises TokenExpired (too old) or TokenInvalid (altered,
    used, outdated by a sign-in or a new password, or the account is deactivated)."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["LOGIN_LINK_MAX_AGE"])
    except SignatureExpired as error:
        raise TokenExpired from error
    except BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        raise TokenInvalid
    user = session.get(User, data["uid"])
    if user is None or not user.active or not user.has_password:
        raise TokenInvalid
    if data.get("fp") != _fingerprint(user):
        raise TokenInvalid
    return SignInLink(user, data.get("rm") is True)
