"""A person's feed: the events every feature's `calendar_events` provider gives them, in one
calendar file, named and worded in the person's own language (the fetch is anonymous).

The feed carries what the providers put in it: their own times, places and links, never
another person's name and never a note (each provider's rule, tested in tests/calendar).
"""

from dataclasses import replace
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from mediator_portal.calendar_files import CalendarEvent, calendar_file
from mediator_portal.database import utcnow
from mediator_portal.features import calendar_providers
from mediator_portal.i18n import supported

# How often a subscribed client is asked to fetch the feed again.
REFRESH = timedelta(hours=1)


def feed_events(session, user, now: datetime | None = None) -> list[CalendarEvent]:
    """Every provider's events for `user`, soonest first, stamped `now` (DTSTAMP: when
    this copy of the calendar was made, RFC 5545 with METHOD)."""
    stamp = now or utcnow()
    events = [event for provider in calendar_providers() for event in provider(session, user)]
    events = [event if event.stamp else replace(event, stamp=stamp) for event in events]
    return sorted(events, key=lambda event: (event.starts_at, event.uid))


def feed_file(session, user, now: datetime | None = None) -> bytes:
    """The `.ics` bytes of `user`'s feed, in their language."""
    with force_locale(user.locale if user.locale in supported() else "el"):
        events = feed_events(session, user, now)
        name = _("Mediator Portal")
    return calendar_file(events, name=name, refresh=REFRESH)
