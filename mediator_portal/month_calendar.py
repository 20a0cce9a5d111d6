"""A month as a calendar of Athens days, Monday first, with what starts on each day: the
server-rendered month views (training sessions, a supervisor's slots), drawn by
templates/_macros/calendar.html.

    year, number = month_argument()                   # ?month=YYYY-MM, this month if missing
    start, stop = month_span(year, number)            # UTC bounds of the weeks shown
    rows = ...rows starting in [start, stop), ordered by start...
    return month_of(year, number, rows)               # Month: weeks of (day, rows)
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import request
from flask_babel import format_date

from mediator_portal.arguments import BadArgument
from mediator_portal.database import utcnow
from mediator_portal.i18n import N_
from mediator_portal.timezones import local_to_utc, to_local

# The column heads, Monday first (msgids, translated by the template).
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
YEARS = (1900, 2999)


@dataclass(frozen=True)
class Month:
    """A month's calendar: its weeks of Athens days, each with the rows starting that day."""

    year: int
    month: int
    weeks: list[list[tuple[date, list]]]
    weekdays: tuple = WEEKDAYS

    @property
    def label(self) -> str:
        """The month's name and year in the request's language ("Δεκέμβριος 2026")."""
        return format_date(date(self.year, self.month, 1), "LLLL y")

    @property
    def previous(self) -> str:
        first = date(self.year, self.month, 1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"

    @property
    def next(self) -> str:
        last = date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        after = last + timedelta(days=1)
        return f"{after.year:04d}-{after.month:02d}"


def _weeks(year: int, month: int) -> list[list[date]]:
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_span(year: int, month: int) -> tuple[datetime, datetime]:
    """The UTC moments the first shown day begins and the day after the last one begins
    (midnight always exists in Athens). Raises ValueError for a month that does not."""
    weeks = _weeks(year, month)
    first, after = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    return (
        local_to_utc(datetime.combine(first, time(0, 0))),
        local_to_utc(datetime.combine(after, time(0, 0))),
    )


def month_of(year: int, month: int, rows) -> Month:
    """The month with `rows` (each with an aware `starts_at`) on their Athens days."""
    by_day: dict[date, list] = {}
    for row in rows:
        by_day.setdefault(to_local(row.starts_at).date(), []).append(row)
    weeks = _weeks(year, month)
    return Month(year, month, [[(day, by_day.get(day, [])) for day in week] for week in weeks])


def month_argument() -> tuple[int, int]:
    """The request's ?month=YYYY-MM (this Athens month when missing). Raises BadArgument."""
    raw = request.args.get("month", "")
    if not raw:
        today = to_local(utcnow()).date()
        return today.year, today.month
    try:
        year, month = (int(part) for part in raw.split("-"))
        date(year, month, 1)
    except ValueError:
        raise BadArgument() from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise BadArgument()
    return year, month
