"""Every table of the app in one import, so Alembic and the tests see the whole schema."""

from mediator_portal.accounts.models import LoginSession, Municipality, Region, User, UserLanguage
from mediator_portal.audit import AuditEntry
from mediator_portal.forums.models import (
    Category,
    Draft,
    Post,
    PostRevision,
    Reaction,
    Report,
    Topic,
    TopicRead,
)
from mediator_portal.revisions import TableRevision

__all__ = [
    "AuditEntry",
    "Category",
    "Draft",
    "LoginSession",
    "Municipality",
    "Post",
    "PostRevision",
    "Reaction",
    "Region",
    "Report",
    "TableRevision",
    "Topic",
    "TopicRead",
    "User",
    "UserLanguage",
]
