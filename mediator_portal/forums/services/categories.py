"""Categories: finding the ones a person may see, and their management by admins."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.forums.models import Category
from mediator_portal.forums.services import access, rooms
from mediator_portal.forums.services.cleaning import storable
from mediator_portal.forums.services.errors import NotAllowed, NotFound
from mediator_portal.ordering import move_one_step
from mediator_portal.permissions import Permission, Role, user_can

FIELDS = (
    "name_el",
    "name_en",
    "description_el",
    "description_en",
    "visible_to",
    "can_start_topics",
    "sensitive",
)


def join_roles(roles) -> str:
    """Roles as stored: known role names, comma-separated, in a stable order."""
    chosen = {str(role) for role in roles or ()}
    return ",".join(role.value for role in Role if role.value in chosen)


CATEGORY_ORDER = (Category.archived, Category.position, Category.id)  # archived ones last


def visible_categories(session: Session, user) -> list[Category]:
    """The categories `user` may see, in their order, archived ones last."""
    return list(
        session.scalars(
            select(Category).where(access.visible_categories_clause(user)).order_by(*CATEGORY_ORDER)
        )
    )


def get_category(session: Session, user, category_id: int) -> Category:
    """The category `category_id` if `user` may see it. Raises NotFound otherwise."""
    category = session.get(Category, category_id)
    if category is None or not access.can_view_category(user, category):
        raise NotFound()
    return category


def all_categories(session: Session) -> list[Category]:
    """Every category, in order (for the admin page)."""
    return list(session.scalars(select(Category).order_by(Category.position, Category.id)))


def _require_admin(actor) -> None:
    if not user_can(actor, Permission.ADMIN):
        raise NotAllowed()


def create_category(session: Session, *, actor, **fields) -> Category:
    """Add a category at the end of the list. `visible_to`/`can_start_topics` are role lists.

    Raises NotAllowed unless `actor` is an admin.
    """
    _require_admin(actor)
    values = _values(fields)
    position = session.scalar(select(func.coalesce(func.max(Category.position), 0))) + 1
    category = Category(position=position, **values)
    session.add(category)
    session.flush()
    audit.record(session, actor=actor, action="forum.category.create", target=category)
    return category


def update_category(session: Session, category: Category, *, actor, **fields) -> Category:
    """Change the names, descriptions, roles or sensitivity of `category`. Raises NotAllowed."""
    _require_admin(actor)
    changed = {}
    for name, value in _values(fields).items():
        if getattr(category, name) != value:
            changed[name] = True
            setattr(category, name, value)
    session.flush()
    if changed:
        audit.record(
            session,
            actor=actor,
            action="forum.category.update",
            target=category,
            details={"fields": sorted(changed)},
        )
    if "visible_to" in changed:
        rooms.reset_category_rooms(session, category)
    return category


def move_category(session: Session, category: Category, *, actor, direction: str) -> None:
    """Swap `category` with its neighbour above ("up") or below ("down"). Raises NotAllowed."""
    _require_admin(actor)
    if not move_one_step(all_categories(session), category, direction):
        return
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="forum.category.move",
        target=category,
        details={"direction": direction},
    )


def set_archived(session: Session, category: Category, *, actor, archived: bool) -> None:
    """Archive (read-only) or reopen `category`. Raises NotAllowed."""
    _require_admin(actor)
    if category.archived == archived:
        return
    category.archived = archived
    session.flush()
    action = "forum.category.archive" if archived else "forum.category.unarchive"
    audit.record(session, actor=actor, action=action, target=category)


def _values(fields: dict) -> dict:
    values = {name: fields[name] for name in FIELDS if name in fields}
    for name in ("visible_to", "can_start_topics"):
        if name in values and not isinstance(values[name], str):
            values[name] = join_roles(values[name])
    for name in ("name_el", "name_en"):
        if name in values:
            values[name] = " ".join(storable(values[name]).split())
    for name in ("description_el", "description_en"):
        if name in values:
            values[name] = storable(values[name]).strip()
    return values
