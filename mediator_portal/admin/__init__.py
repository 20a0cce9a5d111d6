"""Administration: accounts and invitations, regions and municipalities, the audit log.

The blueprint is created in `views`; `users`, `places` and `audit_log` add their routes to it.
"""

from mediator_portal.admin import audit_log, places, users  # noqa: F401 - they register routes
from mediator_portal.admin.views import bp

__all__ = ["bp"]
