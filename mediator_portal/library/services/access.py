"""Who may see and do what in the library: the one place for its object rules.

Every member holding LIBRARY_READ sees the items meant for everyone and those meant for
their role; trainers and admins (LIBRARY_MANAGE) see every item, deleted ones included, and
manage them. Anything else is answered as if it did not exist (404).
"""

from sqlalchemy import ColumnElement, and_, literal, or_, true

from mediator_portal.library.models import LibraryItem
from mediator_portal.permissions import Permission, role_has, user_can


def is_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "active", False))


def can_read(user) -> bool:
    return is_member(user) and user_can(user, Permission.LIBRARY_READ)


def can_manage(user) -> bool:
    """Trainers and admins: add, edit, replace, delete, restore; manage the sections."""
    return is_member(user) and user_can(user, Permission.LIBRARY_MANAGE)


def can_purge(user) -> bool:
    """Admins only: remove a deleted item and its files for good."""
    return is_member(user) and user_can(user, Permission.ADMIN)


def can_view_item(user, item: LibraryItem) -> bool:
    """Managers see every item; others the live items meant for everyone or for their role."""
    if not can_read(user):
        return False
    if can_manage(user):
        return True
    roles = item.visible_roles
    return not item.deleted and (not roles or user.role in roles)


def visible_items_clause(user, *, deleted: bool = False) -> ColumnElement[bool]:
    """SQL condition for the items `user` may see in a list: live ones (or, for managers
    asking, the deleted ones), for everyone or for the person's role."""
    return visible_to_role_clause(user.role, deleted=deleted)


def visible_to_role_clause(role: str, *, deleted: bool = False) -> ColumnElement[bool]:
    """SQL condition for the items a person of `role` may see (`visible_items_clause`)."""
    manager = role_has(role, Permission.LIBRARY_MANAGE)
    if deleted:
        state = LibraryItem.deleted_at.is_not(None) if manager else literal(False)
    else:
        state = LibraryItem.deleted_at.is_(None)
    if manager:
        return and_(state, true())
    wrapped = literal(",") + LibraryItem.visible_to + literal(",")
    audience = or_(LibraryItem.visible_to == "", wrapped.like(f"%,{role},%"))
    return and_(state, audience)
