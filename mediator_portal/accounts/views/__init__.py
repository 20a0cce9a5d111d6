"""The accounts blueprint: importing the view modules registers their routes on `bp`."""

from mediator_portal.accounts.views import auth, avatars, links, members, profile
from mediator_portal.accounts.views.common import bp

__all__ = ["auth", "avatars", "bp", "links", "members", "profile"]
