"""Administration rules: accounts, regions and municipalities, each change audited.

Every function takes the SQLAlchemy session first, adds and flushes, and never
commits nor touches the request: the caller says who acts and from where with an
`Actor`, and the audit entry is added to the same transaction as the change.
Errors raised: the `AdminError` subclasses below and accounts' `EmailTaken`.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal import audit
from mediator_portal.accounts import invitations
from mediator_portal.accounts.models import Municipality, Region, User
from mediator_portal.accounts.services import (
    AccountError,
    EmailTaken,
    end_all_sessions,
    find_by_email,
    normalize_email,
    set_languages,
    set_name,
)
from mediator_portal.permissions import Role
from mediator_portal.search import fold, like_pattern

STATUSES = ("active", "invited", "deactivated")


class AdminError(Exception):
    """Base of the errors raised by administration services."""


class CannotDeactivateSelf(AdminError):
    """An administrator tried to deactivate their own account."""


class CannotDemoteSelf(AdminError):
    """An administrator tried to remove their own administrator role."""


class InvitationNotPending(AdminError):
    """The account has already set a password, or is deactivated: no invitation to re-send."""


class NameTaken(AdminError):
    """Another region (or municipality of the same region) has this name; `field` says which."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class Actor:
    """Who performs an administrative action, and from which address (for the audit log)."""

    user: User
    ip: str | None = None


@dataclass(frozen=True)
class UserFilters:
    """What the account list is narrowed to; None means "any"."""

    query: str = ""
    role: str | None = None
    status: str | None = None
    region_id: int | None = None
    municipality_id: int | None = None


def _record(session: Session, by: Actor, action: str, target, **details) -> None:
    audit.record(session, actor=by.user, action=action, target=target, details=details, ip=by.ip)


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


# Accounts -----------------------------------------------------------------------------


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
    user = invitations.invite_user(
        session,
        name=name,
        email=email,
        role=role,
        municipality=municipality,
        languages=languages,
        locale=locale,
    )
    _record(session, by, "user.invite", user, role=user.role)
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
        _record(session, by, "user.update", user, changed=changed)
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
    _record(session, by, "user.role", user, **{"from": previous, "to": role})
    session.flush()
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
        _record(session, by, "user.deactivate", user, sessions_ended=ended)
    session.flush()
    return ended


def reactivate_user(session: Session, by: Actor, user: User) -> None:
    """Let a deactivated account sign in again (nothing happens if it is active)."""
    if not user.active:
        user.active = True
        _record(session, by, "user.reactivate", user)
        session.flush()


def resend_invitation(session: Session, by: Actor, user: User) -> None:
    """Renew the invitation of an account without a password: earlier links stop working.

    Raises InvitationNotPending when the account has a password or is deactivated.
    """
    if not user.active:
        raise InvitationNotPending
    try:
        invitations.renew_invitation(user)
    except AccountError as error:
        raise InvitationNotPending from error
    _record(session, by, "user.resend_invitation", user)
    session.flush()


# Regions and municipalities -------------------------------------------------------------


def regions_with_municipalities(session: Session) -> list[Region]:
    """Every region, with its municipalities loaded, ordered by Greek name."""
    regions = session.scalars(select(Region).options(selectinload(Region.municipalities)))
    return sorted(regions, key=lambda region: fold(region.name))


def all_municipalities(session: Session) -> list[Municipality]:
    """Every municipality with its region, ordered by region then name."""
    rows = session.scalars(select(Municipality).options(joinedload(Municipality.region)))
    return sorted(rows, key=lambda m: (fold(m.region.name), fold(m.name)))


def _check_names(rows, current, name: str, name_en: str) -> None:
    for row in rows:
        if row is current:
            continue
        if fold(row.name) == fold(name):
            raise NameTaken("name")
        if name_en and fold(row.name_en) == fold(name_en):
            raise NameTaken("name_en")


def save_region(
    session: Session, by: Actor, region: Region | None, *, name: str, name_en: str
) -> Region:
    """Create a region (`region` None) or rename one; names are unique ignoring accents and case.

    Raises NameTaken.
    """
    name, name_en = _tidy(name), _tidy(name_en)
    _check_names(session.scalars(select(Region)), region, name, name_en)
    action = "region.update" if region is not None else "region.create"
    if region is None:
        region = Region(name=name, name_en=name_en, active=True)
        session.add(region)
    else:
        region.name, region.name_en = name, name_en
    session.flush()
    _record(session, by, action, region, name=name, name_en=name_en)
    return region


def save_municipality(
    session: Session,
    by: Actor,
    municipality: Municipality | None,
    *,
    region: Region,
    name: str,
    name_en: str,
) -> Municipality:
    """Create a municipality (`municipality` None) or edit one; names are unique within their
    region, ignoring accents and case. Raises NameTaken.
    """
    name, name_en = _tidy(name), _tidy(name_en)
    siblings = session.scalars(select(Municipality).where(Municipality.region_id == region.id))
    _check_names(siblings, municipality, name, name_en)
    action = "municipality.update" if municipality is not None else "municipality.create"
    if municipality is None:
        municipality = Municipality(region=region, name=name, name_en=name_en, active=True)
        session.add(municipality)
    else:
        municipality.region = region
        municipality.name, municipality.name_en = name, name_en
    session.flush()
    _record(session, by, action, municipality, name=name, name_en=name_en, region=region.name)
    return municipality


def set_place_active(
    session: Session, by: Actor, place: Region | Municipality, active: bool
) -> bool:
    """Deactivate or reactivate a region or municipality; returns False when nothing changed.

    Deactivated places are no longer offered for new accounts; existing accounts keep them.
    """
    if place.active == active:
        return False
    place.active = active
    kind = "region" if isinstance(place, Region) else "municipality"
    _record(session, by, f"{kind}.{'reactivate' if active else 'deactivate'}", place)
    session.flush()
    return True


# Audit log -----------------------------------------------------------------------------


def audit_query(
    *,
    actor_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    target=None,
) -> Select:
    """A select of audit entries, newest first, with their actors; `until` is exclusive,
    `target` (a model object) keeps the entries about it.
    """
    stmt = select(audit.AuditEntry).options(joinedload(audit.AuditEntry.actor))
    if target is not None:
        stmt = stmt.where(
            audit.AuditEntry.target_type == type(target).__name__.lower(),
            audit.AuditEntry.target_id == target.id,
        )
    if actor_id is not None:
        stmt = stmt.where(audit.AuditEntry.actor_id == actor_id)
    if action:
        stmt = stmt.where(audit.AuditEntry.action == action)
    if since is not None:
        stmt = stmt.where(audit.AuditEntry.at >= since)
    if until is not None:
        stmt = stmt.where(audit.AuditEntry.at < until)
    return stmt.order_by(audit.AuditEntry.at.desc(), audit.AuditEntry.id.desc())


def audit_actors(session: Session) -> list[User]:
    """The accounts that appear as actors in the audit log, by name."""
    acted = select(audit.AuditEntry.actor_id).distinct()
    return list(session.scalars(select(User).where(User.id.in_(acted)).order_by(User.name_key)))
