"""The admin blueprint: importing the view modules registers their routes on `bp`."""

from mediator_portal.admin.views import audit_log, jobs, places, styleguide, users
from mediator_portal.admin.views.common import bp

__all__ = ["audit_log", "bp", "jobs", "places", "styleguide", "users"]
