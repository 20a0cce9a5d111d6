"""Invitations and password resets: signed, expiring, single-use links.

A token carries the account id and a fingerprint of the account's password
state, so it stops working once used (the password changes) or when a newer
invitation is sent. Raises TokenExpired or TokenInvalid.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from mediator_portal.accounts.models import Municipality, User
from mediator_portal.accounts.services.errors import (
    AlreadyActivated,
    EmailTaken,
    TokenExpired,
    TokenInvalid,
)
from mediator_portal.accounts.services.lookup import find_by_email, normalize_email
from mediator_portal.accounts.services.profiles import set_languages, set_name, set_password
from mediator_portal.accounts.services.sessions import end_all_sessions
from mediator_portal.database import utcnow
from mediator_portal.permissions import Role

INVITE = "invitation"
RESET = "password-reset"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"accounts.{purpose}")


def _fingerprint(user: User) -> str:
    state = f"{user.password_hash or ''}|{user.invited_at.isoformat() if user.invited_at else ''}"
    return hashlib.sha256(state.encode()).hexdigest()[:20]


def make_token(user: User, purpose: str) -> str:
    """A signed link token for `user` and `purpose` (INVITE or RESET)."""
    return _serializer(purpose).dumps({"uid": user.id, "fp": _fingerprint(user)})


def read_token(session: Session, token: str, purpose: str) -> User:
    """The account a token was made for; raises TokenExpired or TokenInvalid."""
    max_age = current_app.config[
        "INVITATION_MAX_AGE" if purpose == INVITE else "PASSWORD_RESET_MAX_AGE"
    ]
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenExpired from error
    except BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        raise TokenInvalid
    user = session.get(User, data["uid"])
    if user is None or not user.active or data.get("fp") != _fingerprint(user):
        raise TokenInvalid
    if purpose == INVITE and user.has_password:
        raise TokenInvalid
    return user


def invite_user(
    session: Session,
    *,
    name: str,
    email: str,
    role: Role | str,
    municipality: Municipality | None,
    languages: list[str],
    locale: str = "el",
) -> User:
    """Create an account without a password, ready to be invited; raises EmailTaken."""
    email = normalize_email(email)
    if find_by_email(session, email) is not None:
        raise EmailTaken
    user = User(email=email, role=Role(role).value, municipality=municipality, locale=locale)
    set_name(user, name)
    set_languages(user, languages)
    user.invited_at = utcnow()
    session.add(user)
    session.flush()
    return user


def renew_invitation(user: User) -> None:
    """Mark a fresh invitation: links sent before stop working. Raises AlreadyActivated."""
    if user.has_password:
        raise AlreadyActivated
    user.invited_at = utcnow()


def accept_invitation(session: Session, token: str, password: str) -> User:
    """Set the first password of an invited account; raises TokenInvalid/Expired, WeakPassword."""
    user = read_token(session, token, INVITE)
    set_password(user, password)
    return user


def reset_password(session: Session, token: str, password: str) -> User:
    """Set a new password from a reset link and end all sessions; raises like accept_invitation."""
    user = read_token(session, token, RESET)
    set_password(user, password)
    end_all_sessions(session, user)
    return user
