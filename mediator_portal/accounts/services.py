"""Account rules: signing in, login sessions, passwords and profiles.

Functions take the SQLAlchemy session first, add and flush, and never commit.
They raise the errors below; views turn them into messages.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, selectinload

from mediator_portal.accounts.languages import LANGUAGES
from mediator_portal.accounts.models import LoginSession, Municipality, User, UserLanguage
from mediator_portal.accounts.passwords import (
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from mediator_portal.database import utcnow
from mediator_portal.realtime import close_rooms, login_room
from mediator_portal.search import fold

SEEN_RESOLUTION = timedelta(minutes=5)
MAX_EMAIL = User.email.type.length
NAME_KEY_LENGTH = User.name_key.type.length


class AccountError(Exception):
    """Base of the errors raised by account services."""


class InvalidCredentials(AccountError):
    """Unknown e-mail, wrong password, or an account that cannot sign in (one message for all)."""


class WeakPassword(AccountError):
    """The new password breaks the policy; `problems` lists why."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class EmailTaken(AccountError):
    """Another account already uses this e-mail address."""


def normalize_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively and without surrounding spaces."""
    return (email or "").strip().lower()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_by_email(session: Session, email: str) -> User | None:
    """The account with this e-mail (any case), or None."""
    email = normalize_email(email)
    if not email or len(email) > MAX_EMAIL or "\x00" in email:
        return None  # PostgreSQL refuses NUL in text; no stored address is empty or that long
    return session.scalar(select(User).where(User.email == email))


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
            token_hash=_token_hash(token),
            ip=(ip or "")[:64] or None,
            user_agent=(user_agent or "")[:255] or None,
        )
    )
    user.last_login_at = utcnow()
    user.session_token = token
    user.session_hash = _token_hash(token)
    session.flush()
    return token


# Built once, the hash bound per call: this runs on every request of a signed-in person.
SESSION_USER = (
    select(User, LoginSession.id, LoginSession.last_seen_at)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token_hash == bindparam("token_hash"),
        LoginSession.revoked_at.is_(None),
        User.active.is_(True),
    )
)
TOUCH_SESSION = (
    update(LoginSession)
    .where(LoginSession.id == bindparam("session_id"))
    .values(last_seen_at=bindparam("now"))
)


def user_for_token(session: Session, token: str | None) -> User | None:
    """The active account behind a live login-session `token`, or None.

    Records when the session was last used, at most every SEEN_RESOLUTION, in its own
    commit: this runs before the view, so nothing of the view's work is pending yet.
    """
    if not token or len(token) > 128:
        return None
    token_hash = _token_hash(token)
    row = session.execute(SESSION_USER, {"token_hash": token_hash}).first()
    if row is None:
        return None
    user, session_id, last_seen_at = row
    now = utcnow()
    if now - last_seen_at > SEEN_RESOLUTION:
        session.execute(TOUCH_SESSION, {"session_id": session_id, "now": now})
        session.commit()
    user.session_token = token
    user.session_hash = token_hash
    return user


def end_session(session: Session, token: str | None) -> None:
    """Revoke the login session of `token` (sign-out)."""
    if not token:
        return
    row = session.scalar(select(LoginSession).where(LoginSession.token_hash == _token_hash(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        close_rooms([login_room(row.token_hash)], session=session)


def end_all_sessions(session: Session, user: User, *, keep: str | None = None) -> int:
    """Revoke every live session of `user` except `keep`; returns how many ended."""
    keep_hash = _token_hash(keep) if keep else None
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


def set_password(user: User, password: str) -> None:
    """Set a new password after checking the policy; raises WeakPassword."""
    problems = password_problems(password, email=user.email, name=user.name)
    if problems:
        raise WeakPassword(problems)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()


def change_password(session: Session, user: User, *, current: str, new: str) -> None:
    """Change the password and end every login session, this one included (the caller opens a
    new one), so a cookie copied earlier stops working.

    Raises InvalidCredentials when `current` is wrong, WeakPassword when `new` is refused.
    """
    if not verify_password(user.password_hash, current):
        raise InvalidCredentials
    set_password(user, new)
    end_all_sessions(session, user)


def set_languages(user: User, codes: list[str]) -> None:
    """Replace the working languages of `user` with the known codes among `codes`."""
    wanted = [code for code in dict.fromkeys(codes) if code in LANGUAGES]
    user.languages = [UserLanguage(code=code) for code in wanted]


def set_name(user: User, name: str) -> None:
    """Set the display name and its search key."""
    user.name = " ".join(name.split())
    # Folding can lengthen text ("ß" -> "ss", ligatures); the key is for search only.
    user.name_key = fold(user.name)[:NAME_KEY_LENGTH]


def update_profile(user: User, *, name: str, languages: list[str], locale: str) -> None:
    """Edit one's own profile: name, working languages and interface language."""
    set_name(user, name)
    set_languages(user, languages)
    user.locale = locale


def active_municipalities(session: Session) -> list[Municipality]:
    """Active municipalities with their regions, ordered for a select field."""
    return list(
        session.scalars(
            select(Municipality)
            .where(Municipality.active.is_(True))
            .options(selectinload(Municipality.region))
            .order_by(Municipality.region_id, func.lower(Municipality.name))
        )
    )
