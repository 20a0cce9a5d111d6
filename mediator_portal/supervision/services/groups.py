"""Supervision groups: a supervisor forms them from their own current supervisees, and
sees only their own (`group_or_404`)."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mediator_portal import audit
from mediator_portal.supervision.models import NAME_MAX, Group, GroupMember
from mediator_portal.supervision.services.errors import (
    EmptyGroup,
    EmptyName,
    NameTooLong,
    NotFound,
    NotYourSupervisee,
)
from mediator_portal.supervision.services.people import supervisee_ids


def _clean(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise EmptyName()
    if len(name) > NAME_MAX:
        raise NameTooLong()
    return name


def _check_members(session: Session, supervisor, member_ids) -> list[int]:
    chosen = sorted({int(mediator_id) for mediator_id in member_ids or ()})
    if not chosen:
        raise EmptyGroup()
    if not set(chosen) <= supervisee_ids(session, supervisor.id):
        raise NotYourSupervisee()
    return chosen


def create_group(session: Session, *, supervisor, name: str, member_ids) -> Group:
    """A group of `supervisor`'s supervisees. Raises EmptyName, NameTooLong, EmptyGroup,
    NotYourSupervisee."""
    name = _clean(name)
    chosen = _check_members(session, supervisor, member_ids)
    group = Group(supervisor_id=supervisor.id, name=name)
    group.members = [GroupMember(mediator_id=mediator_id) for mediator_id in chosen]
    session.add(group)
    session.flush()
    audit.record(
        session,
        actor=supervisor,
        action="supervision.group.create",
        target=group,
        target_label=name,
    )
    return group


def update_group(session: Session, group: Group, *, supervisor, name: str, member_ids) -> Group:
    """Rename the group and set its members. Raises as `create_group`."""
    group.name = _clean(name)
    chosen = _check_members(session, supervisor, member_ids)
    group.members = [GroupMember(mediator_id=mediator_id) for mediator_id in chosen]
    session.flush()
    audit.record(
        session,
        actor=supervisor,
        action="supervision.group.update",
        target=group,
        target_label=group.name,
    )
    return group


def groups_of(session: Session, supervisor_id: int) -> list[Group]:
    """The supervisor's groups with their members, by name (two queries)."""
    return list(
        session.scalars(
            select(Group)
            .options(selectinload(Group.members))
            .where(Group.supervisor_id == supervisor_id)
            .order_by(Group.name, Group.id)
        )
    )


def group_or_404(session: Session, supervisor, group_id: int) -> Group:
    """One of `supervisor`'s groups, with its members. Raises NotFound for any other."""
    group = session.scalar(
        select(Group).options(selectinload(Group.members)).where(Group.id == group_id)
    )
    if group is None or group.supervisor_id != supervisor.id:
        raise NotFound()
    return group
