"""Calendar test helpers: a member's feed address made through the service, fetched by an
anonymous client and parsed."""

import recurring_ical_events
from icalendar import Calendar

from mediator_portal.calendar import services
from mediator_portal.extensions import db
from tests.forums.conftest import account


def feed_url(seed, browser_or_user) -> str:
    """The path of a new feed of the client's (or user's) account."""

    def make():
        return services.regenerate(db.session, account(browser_or_user))

    return f"/calendar/{seed(make)}.ics"


def fetch(client, url: str) -> Calendar:
    """The feed at `url`, fetched without signing in: checked to parse and expand."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    recurring_ical_events.of(calendar).between((2000, 1, 1), (2100, 1, 1))
    return calendar
