"""Clinical supervision: administrators say who supervises whom; supervisors form groups of
their supervisees and publish individual or group slots (one-off or weekly, in Athens wall
time); mediators book their own supervisor's slots within the rules, and no slot ever holds
more bookings than seats, whatever the concurrency.

Later parts (a fair waitlist, reminders, attendance and hours, encrypted notes, a calendar
feed) build on the slots and bookings of `models.py`.
Other features use `mediator_portal.supervision.services`, nothing else of this package.
"""

from flask_babel import lazy_gettext as _l

from mediator_portal.features import Demo, Feature, NavEntry
from mediator_portal.i18n import N_
from mediator_portal.permissions import Permission
from mediator_portal.supervision import (  # noqa: F401 - jobs, kinds, targets register
    demo,
    jobs,
    services,
)
from mediator_portal.supervision.panels import PANELS
from mediator_portal.supervision.views import bp

AUDIT_ACTIONS = {
    "supervision.assign": _l("Assigned a mediator to a supervisor"),
    "supervision.move": _l("Moved a mediator to another supervisor"),
    "supervision.group.create": _l("Formed a supervision group"),
    "supervision.group.update": _l("Changed a supervision group"),
    "supervision.slot.publish": _l("Published supervision slots"),
    "supervision.slot.edit": _l("Changed a supervision slot"),
    "supervision.slot.cancel": _l("Cancelled a supervision slot"),
    "supervision.book": _l("Booked a supervision slot"),
    "supervision.cancel": _l("Cancelled a supervision booking"),
    "supervision.notes.write": _l("Wrote notes on a supervision session"),
    "supervision.notes.edit": _l("Changed notes on a supervision session"),
    "supervision.waitlist.join": _l("Joined the waitlist of a supervision slot"),
    "supervision.waitlist.leave": _l("Left the waitlist of a supervision slot"),
    "supervision.waitlist.accept": _l("Accepted a supervision seat offered from the waitlist"),
    "supervision.attendance": _l("Marked the attendance of a supervision slot"),
    "supervision.hours.confirm": _l("Confirmed a supervision session"),
    "supervision.hours.dispute": _l("Disputed a supervision session"),
    "supervision.period.create": _l("Added a supervision hours period"),
    "supervision.period.update": _l("Changed a supervision hours period"),
}

feature = Feature(
    name="supervision",
    blueprint=bp,
    audit_actions=AUDIT_ACTIONS,
    nav=(
        NavEntry(
            "supervision.week",
            N_("Supervision"),
            Permission.SUPERVISION_PUBLISH,
            section="supervision",
            order=45,
        ),
        NavEntry(
            "supervision.book_page",
            N_("Supervision"),
            Permission.SUPERVISION_BOOK,
            section="supervision",
            order=45,
        ),
        NavEntry("supervision.assignments", N_("Supervisors"), Permission.ADMIN, order=46),
        NavEntry("supervision.hours", N_("My hours"), Permission.SUPERVISION_BOOK, order=47),
        NavEntry("supervision.totals", N_("Hours"), Permission.SUPERVISION_HOURS_ALL, order=47),
    ),
    home_panels=PANELS,
    demo=Demo(load=demo.load, present=demo.present),
    calendar_events=services.calendar_events,
)

__all__ = ["bp", "feature"]
