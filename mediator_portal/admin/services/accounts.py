"""Account administration: find, invite, edit, change role, deactivate, re-send invitations.

Raises CannotDeactivateSelf, CannotDemoteSelf, InvitationNotPending and accounts' EmailTaken.
"""

from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal import signals
from mediator_portal.accounts import services as accounts
from mediator_portal.accounts.services import (
    AlreadyActivated,
    EmailTaken,
    Municipality,
    User,
    end_all_sessions,
    find_by_email,
    normalize_email,
    set_languages,
    set_name,
)
from mediator_portal.admin.services.common import (
    Actor,
    CannotDeactivateSelf,
    CannotDemoteSelf,
    InvitationNotPending,
    record_action,
)
from mediator_portal.permissions import Role
from mediator_portal.search import fold, like_pattern

STATUSES = ("active", "invited", "deactivated")


@dataclass(frozen=True)
class UserFilters:
    """What the account list is narrowed to; None means "any"."""

    query: str = ""
    role: str | None = None
    status: str | None = None
    region_id: int | None = None
    municipality_id: int | None = None


def users_query(filters: UserFilters) -> Select:
    """A select of accounts matching `filters`, by name, with municipality, region, languages.

    The search ignores accents and case and looks in names and e-mail addresses.
    """
    stmt = select(User).options(
        joinedload(User.municipality).joinedload(Municipality.region),
        selectinload(User.languages),
    )
    if fold(filters.query):
        pattern = like_pattern(filters.query)
        stmt = stmt.where(
            or_(User.name_key.like(pattern, escape="\\"), User.email.like(pattern, escape="\\"))
        )
    if filters.role:
        stmt = stmt.where(User.role == filters.role)
    if filters.status == "deactivated":
        stmt = stmt.where(User.active.is_(False))
    elif filters.status == "invited":
        stmt = stmt.where(User.active.is_(True), User.password_hash.is_(None))
    elif filters.status == "active":
        stmt = stmt.where(User.active.is_(True), User.password_hash.is_not(None))
    if filters.municipality_id is not None:
        stmt = stmt.where(User.municipality_id == filters.municipality_id)
    if filters.region_id is not None:
        in_region = select(Municipality.id).where(Municipality.region_id == filters.region_id)
        stmt = stmt.where(User.municipality_id.in_(in_region))
    return stmt.order_by(User.name_key, User.id)


def invite(
    session: Session,
    by: Actor,
    *,
    name: str,
    email: str,
    role: str,
    municipality: Municipality | None,
    languages: list[str],
    locale: str,
) -> User:
    """Create an invited account (no password yet); raises EmailTaken."""
    user = accounts.invite_user(
        session,
        name=name,
        email=email,
        role=role,
        municipality=municipality,
        languages=languages,
        locale=locale,
    )
    record_action(session, by, "user.invite", user, role=user.role)
    return user


def update_user(
    session: Session,
    by: Actor,
    user: User,
    *,
    name: str,
    email: str,
    municipality: Municipality | None,
    languages: list[str],
    locale: str,
) -> list[str]:
    """Edit an account's details; returns the names of the fields changed. Raises EmailTaken."""
    email = normalize_email(email)
    other = find_by_email(session, email)
    if other is not None and other.id != user.id:
        raise EmailTaken
    before = (user.name, user.email, user.municipality_id, user.language_codes, user.locale)
    set_name(user, name)
    user.email = email
    user.municipality = municipality
    set_languages(user, languages)
    user.locale = locale
    after = (user.name, user.email, getattr(municipality, "id", None), user.language_codes, locale)
    fields = ("name", "email", "municipality", "languages", "locale")
    changed = [field for field, old, new in zip(fields, before, after, strict=True) if old != new]
    if changed:
        record_action(session, by, "user.update", user, changed=changed)
    session.flush()
    return changed


def change_role(session: Session, by: Actor, user: User, role: str) -> bool:
    """Give `user` another role; returns False when it already had it.

    Raises CannotDemoteSelf when an administrator would remove their own role,
    ValueError for an unknown role.
    """
    role = Role(role).value
    if user.role == role:
        return False
    if user.id == by.user.id:
        raise CannotDemoteSelf
    previous, user.role = user.role, role
    record_action(session, by, "user.role", user, **{"from": previous, "to": role})
    session.flush()
    signals.send(
        signals.role_changed, session=session, user_id=user.id, old_role=previous, new_role=role
    )
    return True


def deactivate_user(session: Session, by: Actor, user: User) -> int:
    """Stop `user` from signing in and end all their login sessions (their live connections
    close after commit); returns how many sessions ended. Raises CannotDeactivateSelf.
    """
    if user.id == by.user.id:
        raise CannotDeactivateSelf
    ended = end_all_sessions(session, user)
    if user.active or ended:
        user.active = False
        record_action(session, by, "user.deactivate", user, sessions_ended=ended)
        signals.send(signals.user_deactivated, session=session, user_id=user.id)
    session.flush()
    return ended


def reactivate_user(session: Session, by: Actor, user: User) -> None:
    """Let a deactivated account sign in again (nothing happens if it is active)."""
    if not user.active:
        user.active = True
        record_action(session, by, "user.reactivate", user)
        session.flush()


def resend_invitation(session: Session, by: Actor, user: User) -> None:
    """Renew the invitation of an account without a password: earlier links stop working.

    Raises InvitationNotPending when the account has a password or is deactivated.
    """
    if not user.active:
        raise InvitationNotPending
    try:
        accounts.renew_invitation(user)
    except AlreadyActivated as error:
        raise InvitationNotPending from error
    record_action(session, by, "user.resend_invitation", user)
    session.flush()
