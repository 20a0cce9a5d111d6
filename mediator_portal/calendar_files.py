"""Calendar files (RFC 5545 `.ics`): events in Athens wall time with their VTIMEZONE, so a
calendar shows 10:00 as 10:00 whatever the reader's zone. Training sessions today; the
supervision feed will use the same function."""

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

from mediator_portal.timezones import to_local

PRODUCT = "-//EETAA//Mediator Portal//EL"


@dataclass(frozen=True)
class CalendarEvent:
    """One event: `uid` stable for the same thing (a calendar updates it, not duplicates it);
    `starts_at`/`ends_at` aware datetimes (stored UTC)."""

    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    url: str = ""
    location: str = ""
    description: str = ""
    stamp: datetime | None = None


def calendar_file(events: list[CalendarEvent], *, name: str = "") -> bytes:
    """The `.ics` bytes of `events`, times in Europe/Athens with its VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp or item.starts_at)
        event.add("dtstart", to_local(item.starts_at))
        event.add("dtend", to_local(item.ends_at))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
