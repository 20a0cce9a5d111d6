"""Message board: categories, topics, posts, reactions, moderation, unread tracking, drafts."""

from mediator_portal.forums import events, live  # noqa: F401 - registers Socket.IO handlers and fragment routes
from mediator_portal.forums.views import bp

__all__ = ["bp"]
