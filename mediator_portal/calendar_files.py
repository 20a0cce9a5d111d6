"""Calendar files (RFC 5545 `.ics`): events in Athens wall time with their VTIMEZONE, so a
calendar shows 10:00 as 10:00 whatever the reader's zone. A training session's file and the
personal calendar feed (the `calendar` feature, fed by every feature's `calendar_events`
provider) both use `calendar_file`.

An event keeps its `uid` for ever; its `sequence` goes up when its time or place changes, so
a client updates it; a cancelled one stays in the feed with STATUS:CANCELLED (a client
removes or strikes it) rather than disappearing."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration

from mediator_portal.timezones import ATHENS, to_local

PRODUCT = "-//EETAA//Mediator Portal//EL"
CONFIRMED, TENTATIVE, CANCELLED = "CONFIRMED", "TENTATIVE", "CANCELLED"
STATUSES = (CONFIRMED, TENTATIVE, CANCELLED)


@dataclass(frozen=True)
class CalendarEvent:
    """One event: `uid` stable for the same thing (a calendar updates it, not duplicates it);
    `starts_at`/`ends_at` aware datetimes (stored UTC); `status` one of STATUSES (or "":
    none said); `sequence` the revision (0, then +1 at each change of time or place);
    `stamp` the DTSTAMP (default: the start)."""

    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    url: str = ""
    location: str = ""
    description: str = ""
    stamp: datetime | None = None
    status: str = ""
    sequence: int = 0

    def __post_init__(self):
        if self.status and self.status not in STATUSES:
            raise ValueError(f"unknown event status {self.status!r}")
        if self.sequence < 0:
            raise ValueError("an event's sequence is 0 or more")


def calendar_file(
    events: list[CalendarEvent], *, name: str = "", refresh: timedelta | None = None
) -> bytes:
    """The `.ics` bytes of `events`, times in Europe/Athens with its VTIMEZONE; `name` the
    calendar's name and `refresh` how often a subscribed client should fetch it again."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
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
        if item.status:
            event.add("status", item.status)
        if item.sequence:
            event.add("sequence", item.sequence)
        calendar.add_component(event)
    if events:
        calendar.add_missing_timezones()
    else:  # RFC 5545: a calendar holds at least one component; an empty feed, its zone
        calendar.add_component(Timezone.from_tzid(ATHENS.key))
    return calendar.to_ical()
