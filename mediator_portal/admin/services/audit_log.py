"""Reading the audit log: entries by filter, the people who acted."""

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from mediator_portal import audit
from mediator_portal.accounts.services import User


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
