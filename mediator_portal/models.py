"""Every table of the app in one import, so Alembic and the tests see the whole schema."""

from mediator_portal.accounts.models import LoginSession, Municipality, Region, User, UserLanguage
from mediator_portal.audit import AuditEntry

__all__ = ["AuditEntry", "LoginSession", "Municipality", "Region", "User", "UserLanguage"]
