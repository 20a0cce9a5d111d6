"""Message board: categories, topics, posts, reactions, moderation, unread tracking, drafts."""

from mediator_portal.forums.views import bp

__all__ = ["bp"]
