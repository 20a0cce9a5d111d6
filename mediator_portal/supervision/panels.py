"""Supervision's panel on the home page: my next supervision session (one query), for
mediators (what they booked) and supervisors (their next slot holding a booking)."""

from mediator_portal.features import HomePanel
from mediator_portal.permissions import Permission
from mediator_portal.supervision import services


def next_supervision(session, user):
    """The next session `user` takes part in, or None."""
    return services.next_session(session, user)


PANELS = (
    HomePanel(
        "supervision.next",
        "supervision/panels/next.html",
        next_supervision,
        permission=Permission.SUPERVISION_BOOK,
        order=60,
    ),
    HomePanel(
        "supervision.next_hosted",
        "supervision/panels/next.html",
        next_supervision,
        permission=Permission.SUPERVISION_PUBLISH,
        order=60,
    ),
)
