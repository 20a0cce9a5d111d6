"""Supervision times: Athens wall-clock days and times to UTC (the rule training sessions
use: a time in the spring-forward gap does not exist and is refused, one in the autumn hour
that repeats is its first occurrence), weekly repeats in wall time, and Monday-first weeks.

A weekly 10:00 series stays at 10:00 in Athens across the DST changes: each occurrence is
its own day at 10:00 Athens, converted on its own, never "the first one plus 7 × 24 h".
"""

from datetime import date, datetime, time, timedelta

from mediator_portal.supervision.services.errors import BadRepeat, TimeDoesNotExist
from mediator_portal.training import services as training

MAX_WEEKS = 52


def athens_moment(day: date, at: time) -> tuple[datetime, bool]:
    """(the UTC moment of `day` `at` in Athens, whether that time happens twice that night).
    Raises TimeDoesNotExist (naming the day) for a time in the spring-forward gap."""
    try:
        return training.athens_to_utc(day, at)
    except training.TimeDoesNotExist:
        raise TimeDoesNotExist(day) from None


def weekly_days(first: date, until: date | None) -> list[date]:
    """`first`, then the same weekday every week up to `until` (inclusive); just `first`
    without `until`. Raises BadRepeat when `until` is not after `first` or is more than
    MAX_WEEKS weeks later."""
    if until is None:
        return [first]
    if until <= first or until > first + timedelta(weeks=MAX_WEEKS):
        raise BadRepeat()
    days, day = [], first
    while day <= until:
        days.append(day)
        day += timedelta(weeks=1)
    return days


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_start(day: date) -> datetime:
    """The UTC moment an Athens day begins (midnight always exists in Athens)."""
    return athens_moment(day, time(0, 0))[0]
