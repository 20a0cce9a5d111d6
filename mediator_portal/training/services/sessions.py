"""Training sessions: created by trainers with times entered in Athens and stored in UTC,
listed (upcoming, past), shown on a month calendar, and the meeting link's window.

Times: a wall-clock time that does not exist in Athens (the spring-forward hour, e.g.
2026-03-29 03:30) is refused with TimeDoesNotExist; one that happens twice (the autumn
hour, e.g. 2026-10-25 03:30) is read as its first occurrence, in summer time, and the
caller is told it was ambiguous so that it can say so.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from mediator_portal import audit, pagination
from mediator_portal.database import utcnow
from mediator_portal.month_calendar import Month, month_of, month_span
from mediator_portal.text import render_markdown
from mediator_portal.timezones import ATHENS, local_to_utc
from mediator_portal.training.models import URL_MAX, TrainingSession
from mediator_portal.training.services.errors import (
    BadCapacity,
    BadMeetingLink,
    EndsBeforeStart,
    MissingPlace,
    NotFound,
    TimeDoesNotExist,
)
from mediator_portal.training.services.roles import require_manager
from mediator_portal.training.services.texts import clean_title, storable

LINK_WINDOW = timedelta(minutes=30)  # the meeting link is shown from this long before
MAX_CAPACITY = 1000
PER_PAGE = 20


def athens_to_utc(day: date, at: time) -> tuple[datetime, bool]:
    """(the UTC moment of `day` `at` in Athens, whether that wall-clock time happens twice).
    Raises TimeDoesNotExist for a time in the spring-forward gap."""
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=ATHENS, fold=0)
    if first.astimezone(UTC).astimezone(ATHENS).replace(tzinfo=None) != naive:
        raise TimeDoesNotExist()
    ambiguous = first.utcoffset() != naive.replace(tzinfo=ATHENS, fold=1).utcoffset()
    return local_to_utc(naive), ambiguous


@dataclass(frozen=True)
class Created:
    """A new session, and whether one of its times happened twice that night."""

    session: TrainingSession
    ambiguous: bool


def create_session(
    session: Session,
    *,
    actor,
    title: str,
    description: str = "",
    online: bool,
    meeting_url: str | None = None,
    place: str | None = None,
    municipality_id: int | None = None,
    day: date,
    start: time,
    end: time,
    capacity: int | None = None,
) -> Created:
    """A session on `day` from `start` to `end` (Athens). Raises NotAllowed, EmptyTitle,
    TitleTooLong, TimeDoesNotExist, EndsBeforeStart, MissingPlace, BadMeetingLink,
    BadCapacity."""
    require_manager(actor)
    title = clean_title(title)
    starts_at, start_twice = athens_to_utc(day, start)
    ends_at, end_twice = athens_to_utc(day, end)
    if ends_at <= starts_at:
        raise EndsBeforeStart()
    meeting_url = (meeting_url or "").strip() or None
    place = " ".join(storable(place).split()) or None
    if online and not meeting_url or not online and not place:
        raise MissingPlace()
    if meeting_url and (not meeting_url.startswith("https://") or len(meeting_url) > URL_MAX):
        raise BadMeetingLink()
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        raise BadCapacity()
    description = storable(description).strip()
    row = TrainingSession(
        title=title,
        description=description,
        description_html=render_markdown(description),
        online=online,
        meeting_url=meeting_url if online else None,
        place=None if online else place[:200],
        municipality_id=None if online else municipality_id,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, actor=actor, action="training.session.create", target=row, target_label=title
    )
    return Created(row, start_twice or end_twice)


def reschedule_session(
    session: Session,
    row: TrainingSession,
    *,
    actor,
    day: date,
    start: time,
    end: time,
    online: bool,
    meeting_url: str | None = None,
    place: str | None = None,
    municipality_id: int | None = None,
) -> Created:
    """Move `row` to `day` `start`-`end` (Athens) and/or another place or link, with the
    rules of `create_session`. When the time or the place changes, its calendar SEQUENCE
    goes up by one (calendars then update the event); nothing changed, nothing happens.
    Raises NotAllowed, TimeDoesNotExist, EndsBeforeStart, MissingPlace, BadMeetingLink."""
    require_manager(actor)
    starts_at, start_twice = athens_to_utc(day, start)
    ends_at, end_twice = athens_to_utc(day, end)
    if ends_at <= starts_at:
        raise EndsBeforeStart()
    meeting_url = (meeting_url or "").strip() or None
    place = " ".join(storable(place).split())[:200] or None
    if online and not meeting_url or not online and not place:
        raise MissingPlace()
    if meeting_url and (not meeting_url.startswith("https://") or len(meeting_url) > URL_MAX):
        raise BadMeetingLink()
    new = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online": online,
        "meeting_url": meeting_url if online else None,
        "place": None if online else place,
        "municipality_id": None if online else municipality_id,
    }
    changed = {name for name, value in new.items() if getattr(row, name) != value}
    if changed:
        for name in changed:
            setattr(row, name, new[name])
        row.sequence += 1
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="training.session.reschedule",
            target=row,
            target_label=row.title,
            details={"changed": sorted(changed)},
        )
    return Created(row, start_twice or end_twice)


def get_session(session: Session, session_id: int) -> TrainingSession:
    """The session with its municipality. Raises NotFound."""
    row = session.scalar(
        select(TrainingSession)
        .options(joinedload(TrainingSession.municipality))
        .where(TrainingSession.id == session_id)
    )
    if row is None:
        raise NotFound()
    return row


def sessions_by_id(session: Session, ids) -> dict[int, TrainingSession]:
    """{id: session} of those that exist (one query): the notifications' resolver."""
    rows = session.scalars(select(TrainingSession).where(TrainingSession.id.in_(set(ids))))
    return {row.id: row for row in rows}


def meeting_link_open(row: TrainingSession, now: datetime | None = None) -> bool:
    """True from LINK_WINDOW before the start until the end (online sessions only)."""
    now = now or utcnow()
    return bool(row.online and row.meeting_url) and row.starts_at - LINK_WINDOW <= now < row.ends_at


def session_page(session: Session, *, past: bool = False, page: int = 1) -> pagination.Page:
    """Upcoming sessions (not ended yet), soonest first, or past ones, latest first. Two
    queries. Raises NotFound for a page past the end."""
    now = utcnow()
    where = TrainingSession.ends_at <= now if past else TrainingSession.ends_at > now
    order = TrainingSession.starts_at.desc() if past else TrainingSession.starts_at
    total = session.scalar(select(func.count()).select_from(TrainingSession).where(where))
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    if page < 1 or page > pages:
        raise NotFound()
    rows = session.scalars(
        select(TrainingSession)
        .options(joinedload(TrainingSession.municipality))
        .where(where)
        .order_by(order, TrainingSession.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    return pagination.Page(page=page, pages=pages, items=list(rows), total=total)


def month_calendar(session: Session, year: int, month: int) -> Month:
    """The weeks (Monday first) of `month` with the sessions starting on each Athens day
    (one query). Raises ValueError for a month that does not exist."""
    start, stop = month_span(year, month)
    rows = session.scalars(
        select(TrainingSession)
        .where(TrainingSession.starts_at >= start, TrainingSession.starts_at < stop)
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    return month_of(year, month, rows)
