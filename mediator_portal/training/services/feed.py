"""Training sessions as calendar events: a session's own `.ics` file and a person's calendar
feed (the `calendar` feature calls `calendar_events` through `Feature.calendar_events`).

The feed carries the sessions a person answered "going" to (CONFIRMED) and those they are
waitlisted for (TENTATIVE: they may get a place), ended ones for FEED_PAST days. Each event
has the session's title, its place (or "Online"), the link to its page, and nothing else: no
description (a trainer's text), no meeting link (shown on the page from 30 minutes before),
no names. Its UID never changes; its SEQUENCE is the session's, raised by
`reschedule_session` and by a cancellation; a cancelled session stays in the feed with
STATUS:CANCELLED, so that calendars strike it out.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.calendar_files import CANCELLED, CONFIRMED, TENTATIVE, CalendarEvent
from mediator_portal.database import utcnow
from mediator_portal.mailer import external_url
from mediator_portal.training.models import GOING, WAITLISTED, Rsvp, TrainingSession

FEED_PAST = timedelta(days=180)
FEED_STATUS = {GOING: CONFIRMED, WAITLISTED: TENTATIVE}


def session_event(
    row: TrainingSession, *, status: str = "", description: str = "", stamp=None
) -> CalendarEvent:
    """`row` as an event (its municipality loaded): title, place or "Online" in the current
    language, the page's link; `description` only when given."""
    page = external_url("training.session", session_id=row.id)
    if row.online:
        where = _("Online")
    else:
        locale = str(get_locale() or "el")
        town = row.municipality.label(locale) if row.municipality else None
        where = ", ".join(part for part in (row.place, town) if part)
    return CalendarEvent(
        uid=f"training-session-{row.id}@{urlsplit(page).hostname or 'mediator-portal'}",
        summary=row.title,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        url=page,
        location=where,
        description=description or page,
        stamp=stamp,
        status=status,
        sequence=row.sequence,
    )


def calendar_events(session: Session, user) -> list[CalendarEvent]:
    """The sessions `user` goes to or waits for, not ended more than FEED_PAST ago (one
    query, whatever their number)."""
    rows = session.execute(
        select(TrainingSession, Rsvp.answer)
        .join(Rsvp, Rsvp.session_id == TrainingSession.id)
        .options(joinedload(TrainingSession.municipality))
        .where(
            Rsvp.user_id == user.id,
            Rsvp.answer.in_(tuple(FEED_STATUS)),
            TrainingSession.ends_at > utcnow() - FEED_PAST,
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    return [
        session_event(row, status=CANCELLED if row.cancelled_at else FEED_STATUS[answer])
        for row, answer in rows
    ]
