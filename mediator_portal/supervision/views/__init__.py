"""Supervision's routes: the blueprint (common.py) and its route modules."""

from mediator_portal.supervision.views import (  # noqa: F401 - routes
    attendance,
    booking,
    hours,
    notes,
    people,
    slots,
    totals,
    waitlist,
)
from mediator_portal.supervision.views.common import bp

__all__ = ["bp"]
