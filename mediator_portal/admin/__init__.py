"""Administration: accounts and invitations, regions and municipalities, the audit log,
the failed background jobs."""

from flask_babel import lazy_gettext as _l

from mediator_portal.admin import jobs  # noqa: F401 - its jobs register on the queue
from mediator_portal.admin.views import bp
from mediator_portal.features import Feature, NavEntry
from mediator_portal.i18n import N_
from mediator_portal.permissions import Permission

AUDIT_ACTIONS = {
    "user.invite": _l("Invited a user"),
    "user.update": _l("Edited a user"),
    "user.role": _l("Changed a role"),
    "user.deactivate": _l("Deactivated a user"),
    "user.reactivate": _l("Reactivated a user"),
    "user.resend_invitation": _l("Re-sent an invitation"),
    "region.create": _l("Created a region"),
    "region.update": _l("Edited a region"),
    "municipality.create": _l("Created a municipality"),
    "municipality.update": _l("Edited a municipality"),
    "region.deactivate": _l("Deactivated a region"),
    "region.reactivate": _l("Reactivated a region"),
    "municipality.deactivate": _l("Deactivated a municipality"),
    "municipality.reactivate": _l("Reactivated a municipality"),
    "job.retry": _l("Ran a failed job again"),
}

feature = Feature(
    name="admin",
    blueprint=bp,
    audit_actions=AUDIT_ACTIONS,
    nav=(
        NavEntry("admin.users", N_("Administration"), Permission.ADMIN, section="admin", order=80),
    ),
)

__all__ = ["bp", "feature"]
