"""Signing in and login sessions: each sign-in is a row; revoking it signs that browser out.

Functions take the SQLAlchemy session first, add and flush, and never commit.
Raises InvalidCredentials (`errors`).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from mediator_portal.accounts.models import LoginSession, User
from mediator_portal.accounts.services.errors import InvalidCredentials
from mediator_portal.accounts.services.lookup import find_by_email
from mediator_portal.accounts.services.passwords import hash_password, needs_rehash, verify_password
from mediator_portal.database import utcnow
from mediator_portal.realtime import close_rooms, login_room

SEEN_RESOLUTION = timedelta(minutes=5)
MAX_TOKEN = 128


def token_hash(token: str) -> str:
    """How a login-session token is stored (the token itself lives only in the cookie)."""
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(session: Session, email: str, password: str) -> User:
    """The active account matching `email` and `password`; raises InvalidCredentials."""
    user = find_by_email(session, email)
    if user is None:
        verify_password(None, password)  # same cost as a real check
        raise InvalidCredentials
    if not verify_password(user.password_hash, password) or not user.active:
        raise InvalidCredentials
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_session(session: Session, user: User, *, ip: str | None, user_agent: str | None) -> str:
    """Open a login session for `user`; returns the token to keep in the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(
        LoginSession(
            user_id=user.id,
            token_hash=token_hash(token),
            ip=(ip or "")[:64] or None,
            user_agent=(user_agent or "")[:255] or None,
        )
    )
    user.last_login_at = utcnow()
    user.session_token = token
    user.session_hash = token_hash(token)
    session.flush()
    return token


@dataclass
class Login:
    """A live login session found by its token: the account, and when it was last used."""

    user: User
    session_id: int
    last_seen_at: datetime


# Every request of a signed-in person runs this lookup first: the statement is built once,
# the hash bound per call (building it each time cost 0.85M of the category list's 16M
# instructions per request; bench/forum_pages.py measures the page).
LOGIN_STATEMENT = (
    select(User, LoginSession.id, LoginSession.last_seen_at)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token_hash == bindparam("token_hash"),
        LoginSession.revoked_at.is_(None),
        User.active.is_(True),
    )
)


def find_login(session: Session, token: str | None) -> Login | None:
    """The live login session of `token` with its active account, or None (one query)."""
    if not token or len(token) > MAX_TOKEN:
        return None
    hashed = token_hash(token)
    row = session.execute(LOGIN_STATEMENT, {"token_hash": hashed}).first()
    if row is None:
        return None
    user, session_id, last_seen_at = row
    user.session_token = token
    user.session_hash = hashed
    return Login(user, session_id, last_seen_at)


def is_due(login: Login) -> bool:
    """True when `login` was last noted in use more than SEEN_RESOLUTION ago."""
    return utcnow() - login.last_seen_at > SEEN_RESOLUTION


def record_use(session: Session, login: Login) -> None:
    """Note that `login` is in use now (the caller commits)."""
    session.execute(
        update(LoginSession)
        .where(LoginSession.id == login.session_id)
        .values(last_seen_at=utcnow())
    )


def end_session(session: Session, token: str | None) -> None:
    """Revoke the login session of `token` (sign-out)."""
    if not token:
        return
    row = session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        close_rooms([login_room(row.token_hash)], session=session)


def end_all_sessions(session: Session, user: User, *, keep: str | None = None) -> int:
    """Revoke every live session of `user` except `keep`; returns how many ended."""
    keep_hash = token_hash(keep) if keep else None
    rows = session.scalars(
        select(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None)
        )
    ).all()
    now = utcnow()
    ended = [row for row in rows if row.token_hash != keep_hash]
    for row in ended:
        row.revoked_at = now
    close_rooms([login_room(row.token_hash) for row in ended], session=session)
    return len(ended)
