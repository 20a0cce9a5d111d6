"""The notifications blueprint: importing the view modules registers their routes on `bp`."""

from mediator_portal.notifications.views import listing, preferences, unsubscribe, watching
from mediator_portal.notifications.views.common import bp

__all__ = ["bp", "listing", "preferences", "unsubscribe", "watching"]
