"""Account details: names, working languages, passwords, the places people work in.

Functions take the SQLAlchemy session first where they read, add and flush, and never
commit. Raises InvalidCredentials and WeakPassword (`errors`).
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal.accounts.models import Municipality, User, UserLanguage
from mediator_portal.accounts.services.errors import InvalidCredentials, WeakPassword
from mediator_portal.accounts.services.languages import LANGUAGES
from mediator_portal.accounts.services.passwords import (
    hash_password,
    password_problems,
    verify_password,
)
from mediator_portal.accounts.services.sessions import end_all_sessions
from mediator_portal.database import utcnow
from mediator_portal.search import fold

NAME_KEY_LENGTH = User.name_key.type.length


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


def load_profile(session: Session, user_id: int) -> User | None:
    """The account `user_id` with its municipality, region and languages loaded, or None."""
    return session.scalars(
        select(User)
        .options(
            selectinload(User.municipality).selectinload(Municipality.region),
            selectinload(User.languages),
        )
        .where(User.id == user_id)
    ).first()


def load_with_place(session: Session, user_id: int) -> User | None:
    """The account `user_id` with its municipality and region loaded (one query), or None:
    what a greeting shows ("Mediator · Athens, Attica")."""
    return session.scalars(
        select(User)
        .options(joinedload(User.municipality).joinedload(Municipality.region))
        .where(User.id == user_id)
    ).first()


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
