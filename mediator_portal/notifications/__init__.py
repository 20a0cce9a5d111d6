"""Notifications: watching topics and categories, @mentions, the in-app list with a live
badge, and e-mail preferences (sending is done by jobs through `services.immediate_email`
and `services.digest_items`).

Other features create notifications with `services.notify` and register their targets with
`services.register_resolver`; nothing else of this package.
"""

from mediator_portal.features import Demo, Feature, NavEntry
from mediator_portal.i18n import N_
from mediator_portal.notifications import (
    demo,
    receivers,  # noqa: F401 - handlers register
    services,
)
from mediator_portal.notifications.views import bp

feature = Feature(
    name="notifications",
    blueprint=bp,
    nav=(
        NavEntry(
            "notifications.index",
            N_("Notifications"),
            section="notifications",
            order=85,
            count=services.nav_count,
            partial="notifications/_badge.html",
        ),
    ),
    demo=Demo(load=demo.load, present=demo.present),
)

__all__ = ["bp", "feature"]
