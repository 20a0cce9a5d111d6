"""Publishing slots: a supervisor offers individual (one seat) or group slots (N seats, for
one of their groups or all their supervisees), online or in person, one-off or weekly until
a day (in Athens wall time). Changing or cancelling
a slot that holds bookings tells the booked mediators why; a series is cancelled one
occurrence at a time or from a day on.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.database import utcnow
from mediator_portal.supervision.models import (
    INDIVIDUAL,
    KINDS,
    PLACE_MAX,
    URL_MAX,
    Series,
    Slot,
)
from mediator_portal.supervision.services.errors import (
    BadCapacity,
    BadDuration,
    BadMeetingLink,
    InThePast,
    MissingPlace,
    NotFound,
    UnknownGroup,
)
from mediator_portal.supervision.services.groups import group_or_404
from mediator_portal.supervision.services.times import athens_moment, weekly_days

MIN_MINUTES, MAX_MINUTES = 15, 480
MIN_GROUP, MAX_GROUP = 2, 50


@dataclass(frozen=True)
class Where:
    """Online (a https link) or in person (a place)."""

    online: bool
    meeting_url: str | None = None
    place: str | None = None

    def checked(self) -> "Where":
        """Raises MissingPlace, BadMeetingLink."""
        url = (self.meeting_url or "").strip() or None
        place = " ".join((self.place or "").split())[:PLACE_MAX] or None
        if self.online and not url or not self.online and not place:
            raise MissingPlace()
        if self.online and (not url.startswith("https://") or len(url) > URL_MAX):
            raise BadMeetingLink()
        return Where(self.online, url if self.online else None, None if self.online else place)


@dataclass(frozen=True)
class Published:
    slots: list[Slot]
    series: Series | None
    ambiguous: bool  # a time that happens twice (the autumn night): the first one is meant


def _seats(session: Session, supervisor, kind: str, capacity: int | None, group_id):
    if kind not in KINDS:
        raise BadCapacity()
    if kind == INDIVIDUAL:
        return 1, None
    if capacity is None or not MIN_GROUP <= capacity <= MAX_GROUP:
        raise BadCapacity()
    if group_id is not None:
        try:
            group_or_404(session, supervisor, group_id)
        except NotFound:  # another's group reads as unknown here
            raise UnknownGroup() from None
    return capacity, group_id


def publish(
    session: Session,
    *,
    supervisor,
    kind: str,
    where: Where,
    day: date,
    start: time,
    minutes: int,
    capacity: int | None = None,
    group_id: int | None = None,
    repeat_until: date | None = None,
    now: datetime | None = None,
) -> Published:
    """One slot on `day` at `start` (Athens), or one every week until `repeat_until`.
    Raises BadCapacity, UnknownGroup, MissingPlace, BadMeetingLink, BadDuration, BadRepeat,
    TimeDoesNotExist (naming the day), InThePast."""
    capacity, group_id = _seats(session, supervisor, kind, capacity, group_id)
    where = where.checked()
    if not MIN_MINUTES <= (minutes or 0) <= MAX_MINUTES:
        raise BadDuration()
    spans, ambiguous = [], False
    for each in weekly_days(day, repeat_until):
        moment, twice = athens_moment(each, start)
        spans.append((moment, moment + timedelta(minutes=minutes)))
        ambiguous = ambiguous or twice
    if spans[0][0] <= (now or utcnow()):
        raise InThePast()
    series = None
    if repeat_until is not None:
        series = Series(
            supervisor_id=supervisor.id, local_start=start, first_day=day, until_day=repeat_until
        )
        session.add(series)
        session.flush()
    slots = [
        Slot(
            supervisor_id=supervisor.id,
            series_id=series.id if series else None,
            group_id=group_id,
            kind=kind,
            capacity=capacity,
            booked_count=0,
            online=where.online,
            meeting_url=where.meeting_url,
            place=where.place,
            starts_at=begin,
            ends_at=end,
        )
        for begin, end in spans
    ]
    session.add_all(slots)
    session.flush()
    audit.record(
        session,
        actor=supervisor,
        action="supervision.slot.publish",
        target=slots[0],
        details={"slots": len(slots), "kind": kind, "series_id": series.id if series else None},
    )
    return Published(slots, series, ambiguous)


def own_series_or_404(session: Session, supervisor, series_id: int) -> Series:
    """One of `supervisor`'s series. Raises NotFound for any other."""
    series = session.get(Series, series_id)
    if series is None or series.supervisor_id != supervisor.id:
        raise NotFound()
    return series
