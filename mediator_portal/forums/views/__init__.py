"""The forums blueprint: importing the view modules registers their routes on `bp`."""

from mediator_portal.forums.views import (
    admin,
    attachments,
    board,
    drafts,
    lists,
    live,
    moderation,
    post_cache,
    posts,
)
from mediator_portal.forums.views.common import bp

__all__ = [
    "admin",
    "attachments",
    "board",
    "bp",
    "drafts",
    "lists",
    "live",
    "moderation",
    "post_cache",
    "posts",
]
