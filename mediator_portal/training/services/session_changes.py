"""Changing a published session: editing it (title, description, places, day, time, place
or link) and cancelling it (with a reason). A session that is over is not changed.

Whoever answered going or maybe, or waits for a place, is told (in-app and e-mail at once):
of a move when the time or the place changes, of a cancellation with its reason. More
places give the freed ones to the waitlist in order; fewer places than people going are
refused. A cancelled session stays, marked and explained, and in calendars as cancelled;
it takes no more answers, sends no reminders, and its proposals go back to "accepted" with
a public answer, waiting for another session."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal import audit
from mediator_portal.database import utcnow
from mediator_portal.notifications import services as notifications
from mediator_portal.text import render_markdown, storable
from mediator_portal.training.models import (
    ACCEPTED,
    GOING,
    MAYBE,
    SCHEDULED,
    WAITLISTED,
    Proposal,
    Rsvp,
    TrainingSession,
)
from mediator_portal.training.services.answers import change_status
from mediator_portal.training.services.errors import (
    BadCapacity,
    CapacityBelowGoing,
    EmptyReason,
    ReasonTooLong,
    SessionCancelled,
    SessionPast,
)
from mediator_portal.training.services.notices import session_target
from mediator_portal.training.services.roles import require_manager
from mediator_portal.training.services.rsvp import fill_places, lock_counts
from mediator_portal.training.services.sessions import (
    MAX_CAPACITY,
    Created,
    reschedule_session,
)
from mediator_portal.training.services.texts import clean_title

MOVED_KIND = "training_session_moved"
CANCELLED_KIND = "training_session_cancelled"
MOVED = "moved"  # the detail of a move: a code its kind turns into a sentence
REASON_MAX = 1000
TOLD = (GOING, MAYBE, WAITLISTED)

notifications.register_kind(
    notifications.Kind(
        MOVED_KIND,
        _l("A training session I answered moved to another time or place"),
        delivery="immediately",
        mutable=False,
        urgent=True,
        details=((MOVED, _l("The time or the place changed: see the session's page.")),),
    )
)
notifications.register_kind(
    notifications.Kind(
        CANCELLED_KIND,
        _l("A training session I answered was cancelled"),
        delivery="immediately",
        mutable=False,
        urgent=True,
    )
)


def _changeable(row: TrainingSession) -> None:
    if row.cancelled_at is not None:
        raise SessionCancelled()
    if row.ends_at <= utcnow():
        raise SessionPast()


def _answered(session: Session, row: TrainingSession) -> list[int]:
    return list(
        session.scalars(
            select(Rsvp.user_id)
            .where(Rsvp.session_id == row.id, Rsvp.answer.in_(TOLD))
            .order_by(Rsvp.user_id)
        )
    )


def edit_session(
    session: Session,
    row: TrainingSession,
    *,
    actor,
    title: str,
    description: str = "",
    capacity: int | None = None,
    **where_and_when,
) -> Created:
    """Change `row`: its title, description and places here, its day, times, place or link
    (`where_and_when`: day, start, end, online, meeting_url, place, municipality_id) as
    `reschedule_session` does. Tells those who answered when the time or place changed;
    more places promote from the waitlist. Raises NotAllowed, SessionCancelled,
    SessionPast, EmptyTitle, TitleTooLong, BadCapacity, CapacityBelowGoing and the
    errors of `reschedule_session`."""
    require_manager(actor)
    _changeable(row)
    title = clean_title(title)
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        raise BadCapacity()
    going, _capacity = lock_counts(session, row)  # answers wait until this is committed
    if capacity is not None and capacity < going:
        raise CapacityBelowGoing()
    sequence = row.sequence
    made = reschedule_session(session, row, actor=actor, **where_and_when)
    description = storable(description).strip()
    new = {"title": title, "description": description, "capacity": capacity}
    changed = sorted(name for name, value in new.items() if getattr(row, name) != value)
    if changed:
        row.title, row.capacity = title, capacity
        row.description, row.description_html = description, render_markdown(description)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="training.session.edit",
            target=row,
            target_label=row.title,
            details={"changed": changed},
        )
    if "capacity" in changed:
        fill_places(session, row)
    if row.sequence != sequence:
        notifications.notify(
            session, _answered(session, row), MOVED_KIND, session_target(row), actor, detail=MOVED
        )
    return made


def cancel_session(
    session: Session, row: TrainingSession, *, actor, reason: str, proposal_answer: str
) -> None:
    """Cancel `row` for `reason` (told to everyone who answered, shown on its page). Its
    scheduled proposals go back to "accepted" with the public answer `proposal_answer`.
    Raises NotAllowed, SessionCancelled, SessionPast, EmptyReason, ReasonTooLong."""
    require_manager(actor)
    _changeable(row)
    reason = storable(reason).strip()
    if not reason:
        raise EmptyReason()
    if len(reason) > REASON_MAX:
        raise ReasonTooLong()
    lock_counts(session, row)
    row.cancelled_at, row.cancel_reason = utcnow(), reason
    row.sequence += 1
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="training.session.cancel",
        target=row,
        target_label=row.title,
    )
    scheduled = session.scalars(
        select(Proposal)
        .where(Proposal.session_id == row.id, Proposal.status == SCHEDULED)
        .order_by(Proposal.id)
    ).all()
    for proposal in scheduled:
        proposal.session_id = None
        change_status(session, proposal, actor=actor, status=ACCEPTED, body=proposal_answer)
    notifications.notify(
        session, _answered(session, row), CANCELLED_KIND, session_target(row), actor, detail=reason
    )
