"""The calendar feature's public API: a person's secret feed address and the feed itself.
Other features give events through their `Feature.calendar_events` provider, never by
calling these."""

from mediator_portal.calendar.models import CalendarFeed
from mediator_portal.calendar.services.building import REFRESH, feed_events, feed_file
from mediator_portal.calendar.services.errors import CalendarError, FeedNotFound
from mediator_portal.calendar.services.feeds import (
    TOKEN_SHAPE,
    feed_of,
    owner_of,
    regenerate,
    token_hash,
)
