"""Supervision's routes: the blueprint (common.py) and its route modules."""

from mediator_portal.supervision.views import booking, people, slots  # noqa: F401 - routes
from mediator_portal.supervision.views.common import bp

# isort: split
from mediator_portal.supervision.views import attendance, hours, totals  # noqa: F401 - routes

__all__ = ["bp"]
