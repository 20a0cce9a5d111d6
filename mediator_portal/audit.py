"""The audit log: who did what, to what, when and from where.

Features call `record(...)` inside the transaction of the action, so the entry
is stored exactly when the action is, and declare the actions they record with their
labels (`Feature.audit_actions`).
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from mediator_portal.database import relationship, utcnow
from mediator_portal.extensions import db

# action -> its label in the log; each feature registers its own (`Feature.audit_actions`).
ACTIONS: dict[str, object] = {}


def register_actions(actions) -> None:
    """Add a feature's actions and their (lazy, translated) labels to the log's vocabulary."""
    ACTIONS.update(actions)


class AuditEntry(db.Model):
    """One recorded action."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[int | None]
    target_label: Mapped[str | None] = mapped_column(String(200))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    ip: Mapped[str | None] = mapped_column(String(64))

    actor = relationship("User")

    @property
    def action_label(self) -> str:
        label = ACTIONS.get(self.action)
        return str(label) if label is not None else self.action


def record(
    session: Session,
    *,
    actor,
    action: str,
    target=None,
    target_label: str | None = None,
    details: dict | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Add an audit entry for `action` by `actor` on `target` (a model object or None)."""
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__.lower() if target is not None else None,
        target_id=getattr(target, "id", None),
        target_label=(target_label or _label_of(target))[:200] or None,
        details=details or {},
        ip=(ip or "")[:64] or None,
    )
    session.add(entry)
    return entry


def _label_of(target) -> str:
    if target is None:
        return ""
    return str(getattr(target, "email", None) or getattr(target, "name", "") or "")
