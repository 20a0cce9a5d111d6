"""My calendar: each person's secret, subscribable feed (`/calendar/<token>.ics`) of the
training sessions they go to and, later, their supervision bookings. Features put events
in it through their `Feature.calendar_events` provider; this package imports none of them.

Other features use `mediator_portal.calendar.services`, nothing else of this package.
"""

from flask_babel import lazy_gettext as _l

from mediator_portal.calendar import services  # noqa: F401 - its models register
from mediator_portal.calendar.views import bp
from mediator_portal.features import Feature

AUDIT_ACTIONS = {
    "calendar.feed.create": _l("Made a calendar feed address"),
    "calendar.feed.regenerate": _l("Made a new calendar feed address (the old one stopped)"),
}

feature = Feature(name="calendar", blueprint=bp, audit_actions=AUDIT_ACTIONS)

__all__ = ["bp", "feature"]
