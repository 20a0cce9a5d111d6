"""Who supervises whom: an administrator assigns each mediator to a supervisor and moves
them (the old assignment is ended, not deleted: the history stays, and both are audited).
A supervisor sees only their own supervisees (`supervisee_or_404`).
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from mediator_portal import audit
from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.permissions import Role
from mediator_portal.supervision.models import Assignment
from mediator_portal.supervision.services.errors import (
    AlreadyAssigned,
    NotAMediator,
    NotASupervisor,
    NotFound,
)


def active_people(session: Session, role: Role) -> list[User]:
    """Active accounts of `role`, by name (one query)."""
    return list(
        session.scalars(
            select(User)
            .where(User.role == role.value, User.active.is_(True))
            .order_by(User.name_key, User.id)
        )
    )


def current_assignment(session: Session, mediator_id: int) -> Assignment | None:
    """The mediator's current assignment (with the supervisor), or None."""
    return session.scalar(
        select(Assignment)
        .options(joinedload(Assignment.supervisor))
        .where(Assignment.mediator_id == mediator_id, Assignment.ended_at.is_(None))
    )


def current_supervisors(session: Session) -> dict[int, User]:
    """{mediator id: current supervisor} for every assigned mediator (one query)."""
    rows = session.scalars(
        select(Assignment)
        .options(joinedload(Assignment.supervisor))
        .where(Assignment.ended_at.is_(None))
    )
    return {row.mediator_id: row.supervisor for row in rows}


def assign(session: Session, *, actor, mediator_id: int, supervisor_id: int) -> Assignment:
    """Make `supervisor_id` the mediator's supervisor from now on, ending the current
    assignment if there is one (kept as history); audited. Raises NotAMediator,
    NotASupervisor, AlreadyAssigned."""
    mediator = session.get(User, mediator_id)
    if mediator is None or mediator.role != Role.MEDIATOR or not mediator.active:
        raise NotAMediator()
    supervisor = session.get(User, supervisor_id)
    if supervisor is None or supervisor.role != Role.SUPERVISOR or not supervisor.active:
        raise NotASupervisor()
    now = utcnow()
    current = current_assignment(session, mediator_id)
    if current is not None:
        if current.supervisor_id == supervisor_id:
            raise AlreadyAssigned()
        current.ended_at = now
        session.flush()  # the partial unique index allows one current row
    row = Assignment(
        mediator_id=mediator_id,
        supervisor_id=supervisor_id,
        started_at=now,
        assigned_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="supervision.assign" if current is None else "supervision.move",
        target=mediator,
        target_label=mediator.name,
        details={
            "supervisor_id": supervisor_id,
            "previous_supervisor_id": current.supervisor_id if current else None,
        },
    )
    return row


def history(session: Session, mediator_id: int) -> list[Assignment]:
    """The mediator's assignments, the latest first (one query)."""
    return list(
        session.scalars(
            select(Assignment)
            .options(joinedload(Assignment.supervisor))
            .where(Assignment.mediator_id == mediator_id)
            .order_by(Assignment.started_at.desc(), Assignment.id.desc())
        )
    )


def mediator_or_404(session: Session, mediator_id: int) -> User:
    """The mediator's account. Raises NotFound for anyone else."""
    mediator = session.get(User, mediator_id)
    if mediator is None or mediator.role != Role.MEDIATOR:
        raise NotFound()
    return mediator


def supervisees(session: Session, supervisor_id: int) -> list[User]:
    """The supervisor's current supervisees, by name (one query)."""
    return list(
        session.scalars(
            select(User)
            .join(Assignment, Assignment.mediator_id == User.id)
            .where(Assignment.supervisor_id == supervisor_id, Assignment.ended_at.is_(None))
            .order_by(User.name_key, User.id)
        )
    )


def supervisee_ids(session: Session, supervisor_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Assignment.mediator_id).where(
                Assignment.supervisor_id == supervisor_id, Assignment.ended_at.is_(None)
            )
        )
    )


def supervisee_or_404(session: Session, supervisor, mediator_id: int) -> User:
    """The mediator when `supervisor` supervises them now. Raises NotFound otherwise."""
    found = session.scalar(
        select(User)
        .join(Assignment, Assignment.mediator_id == User.id)
        .where(
            User.id == mediator_id,
            Assignment.supervisor_id == supervisor.id,
            Assignment.ended_at.is_(None),
        )
    )
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class Row:
    """A mediator on the administrators' page, with their current supervisor (or None)."""

    mediator: User
    supervisor: User | None


def assignment_rows(session: Session) -> list[Row]:
    """Every active mediator with their current supervisor (two queries)."""
    current = current_supervisors(session)
    return [Row(person, current.get(person.id)) for person in active_people(session, Role.MEDIATOR)]
