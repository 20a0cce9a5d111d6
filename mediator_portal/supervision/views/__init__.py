"""Supervision's routes: the blueprint (common.py) and its route modules."""

from mediator_portal.supervision.views import booking, people, slots, waitlist  # noqa: F401 - routes
from mediator_portal.supervision.views.common import bp

__all__ = ["bp"]
