"""Roles, permissions and the access rule every endpoint must declare.

Deny by default: `enforce_access` runs before every request and refuses any
endpoint whose view carries no declaration. Views declare one of

    @public                      anyone, signed in or not
    @members                     any signed-in, active account
    @requires(Permission.X, ...) a signed-in account holding one of these permissions

Socket.IO handlers declare theirs through `mediator_portal.realtime.on`.
Object rules (can this user see this category?) live in each feature's services.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from flask import abort, current_app, redirect, request, url_for
from flask_babel import gettext as _gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mediator_portal.errors import wants_json
from mediator_portal.i18n import N_

F = TypeVar("F", bound=Callable)


class Role(StrEnum):
    """One role per account."""

    MEDIATOR = "mediator"
    SUPERVISOR = "supervisor"
    TRAINER = "trainer"
    ADMIN = "admin"


# The names of the roles as msgids (N_): a page translates them with the catalogue it holds
# (`role_label(role, gettext)`); forms take the lazy ROLE_LABELS.
ROLE_NAMES = {
    Role.MEDIATOR: N_("Intercultural mediator"),
    Role.SUPERVISOR: N_("Clinical supervisor"),
    Role.TRAINER: N_("Trainer (EETAA)"),
    Role.ADMIN: N_("Administrator (EETAA)"),
}
ROLE_LABELS = {role: _l(name) for role, name in ROLE_NAMES.items()}


def role_label(role: str, gettext: Callable[[str], str] = _gettext) -> str:
    """The name of `role` translated by `gettext` (Flask-Babel's by default)."""
    try:
        return gettext(ROLE_NAMES[Role(role)])
    except ValueError:
        return role


class Permission(StrEnum):
    """What a role may do; see the capability table in docs/product.md."""

    FORUM_PARTICIPATE = "forum.participate"
    FORUM_MODERATE = "forum.moderate"
    FORUM_ANNOUNCE = "forum.announce"
    LIBRARY_READ = "library.read"
    LIBRARY_MANAGE = "library.manage"
    TOPIC_PROPOSE = "training.propose"
    TOPIC_REVIEW = "training.review"
    SUPERVISION_PUBLISH = "supervision.publish"
    SUPERVISION_BOOK = "supervision.book"
    SUPERVISION_HOURS_ALL = "supervision.hours_all"
    ADMIN = "admin.manage"


_EVERYONE = {
    Permission.FORUM_PARTICIPATE,
    Permission.LIBRARY_READ,
    Permission.TOPIC_PROPOSE,
}
_TRAINER = _EVERYONE | {
    Permission.FORUM_MODERATE,
    Permission.LIBRARY_MANAGE,
    Permission.TOPIC_REVIEW,
    Permission.SUPERVISION_HOURS_ALL,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.MEDIATOR: frozenset(_EVERYONE | {Permission.SUPERVISION_BOOK}),
    Role.SUPERVISOR: frozenset(_EVERYONE | {Permission.SUPERVISION_PUBLISH}),
    Role.TRAINER: frozenset(_TRAINER),
    Role.ADMIN: frozenset(_TRAINER | {Permission.ADMIN, Permission.FORUM_ANNOUNCE}),
}

# Endpoints Flask adds itself; they cannot carry a declaration.
BUILTIN_PUBLIC_ENDPOINTS = frozenset({"static"})


def role_has(role: str | Role, permission: Permission) -> bool:
    """True when accounts of `role` hold `permission`."""
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False


def user_can(user, permission: Permission) -> bool:
    """True when `user` is signed in, active and holds `permission`."""
    return bool(getattr(user, "is_authenticated", False)) and role_has(user.role, permission)


@dataclass(frozen=True)
class Access:
    """Who may use an endpoint or event: everyone, members, or holders of a permission."""

    public: bool = False
    permissions: frozenset[Permission] = frozenset()

    def allows(self, user) -> bool:
        """True when `user` (possibly anonymous) may use the endpoint."""
        if self.public:
            return True
        if not getattr(user, "is_authenticated", False):
            return False
        return not self.permissions or any(role_has(user.role, p) for p in self.permissions)


def _declare(access: Access) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        view.access = access  # type: ignore[attr-defined]
        return view

    return decorator


public = _declare(Access(public=True))
members = _declare(Access())


def requires(*permissions: Permission) -> Callable[[F], F]:
    """Declare that the view needs any one of `permissions`."""
    if not permissions:
        raise ValueError("requires() needs at least one permission")
    return _declare(Access(permissions=frozenset(permissions)))


def access_of(endpoint: str) -> Access | None:
    """The declaration of `endpoint`'s view, or None when it declares nothing."""
    if endpoint in BUILTIN_PUBLIC_ENDPOINTS:
        return Access(public=True)
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access", None)


def enforce_access():
    """`before_request` hook: deny by default, send anonymous people to the login page."""
    if request.endpoint is None:
        return None  # no route matched: the 404 handler answers
    access = access_of(request.endpoint)
    if access is None:
        current_app.logger.error("endpoint %s declares no access rule", request.endpoint)
        abort(403)
    if access.allows(current_user):
        return None
    if not current_user.is_authenticated:
        if wants_json():
            abort(401)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    abort(403)
