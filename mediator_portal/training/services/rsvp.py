"""Answering a session: going, maybe, not going; with a capacity, "going" beyond it joins a
waitlist in the order people asked, and a place that frees goes to the first waiting, who
is notified.

Every answer to one session starts by locking the session's row (an UPDATE of it), then
reads the person's answer and decides: on PostgreSQL the row lock, on SQLite the database's
one writer, makes concurrent answers to one session take turns, so thirty "going" at once on
ten places give exactly ten going and twenty waiting in the order their turns came. The
CHECK constraint `within_capacity` refuses any write that would pass the capacity.
"""

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from mediator_portal.database import utcnow
from mediator_portal.notifications import services as notifications
from mediator_portal.training.models import (
    GOING,
    MAYBE,
    NOT_GOING,
    RSVP_ANSWERS,
    WAITLISTED,
    Rsvp,
    TrainingSession,
)
from mediator_portal.training.services.errors import SessionCancelled, SessionOver, UnknownAnswer
from mediator_portal.training.services.notices import PROMOTED_KIND, session_target


def lock_counts(session: Session, row: TrainingSession) -> tuple[int, int | None]:
    """Lock the session's row (answers to it wait for this transaction); (going count,
    capacity) as committed now."""
    going, capacity = session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == row.id)
        .values(waitlist_seq=TrainingSession.waitlist_seq)
        .returning(TrainingSession.going_count, TrainingSession.capacity),
        execution_options={"synchronize_session": False},
    ).one()
    return going, capacity


def _move(session: Session, row: TrainingSession, **values) -> int | None:
    """Apply counter changes (`going=±1`, `waitlist=1`) to the locked row; the new
    waitlist number when one was drawn."""
    changes = {}
    if "going" in values:
        changes["going_count"] = TrainingSession.going_count + values["going"]
    if values.get("waitlist"):
        changes["waitlist_seq"] = TrainingSession.waitlist_seq + 1
    result = session.execute(
        update(TrainingSession)
        .where(TrainingSession.id == row.id)
        .values(**changes)
        .returning(TrainingSession.waitlist_seq),
        execution_options={"synchronize_session": False},
    ).scalar_one()
    return result if values.get("waitlist") else None


def answer_session(session: Session, row: TrainingSession, user, answer: str) -> str:
    """Record `user`'s `answer` (RSVP_ANSWERS) to session `row`; returns where they are now:
    "going", "waitlisted", "maybe" or "not_going". Answering "going" again keeps one's place
    (or one's turn on the waitlist). Leaving a place promotes the first waiting person, who
    is notified. Raises UnknownAnswer, SessionOver, SessionCancelled."""
    if answer not in RSVP_ANSWERS:
        raise UnknownAnswer()
    if row.ends_at <= utcnow():
        raise SessionOver()
    going, capacity = lock_counts(session, row)
    cancelled = select(TrainingSession.cancelled_at).where(TrainingSession.id == row.id)
    if session.scalar(cancelled) is not None:  # read under the lock: never a stale "open"
        raise SessionCancelled()
    current = session.scalar(select(Rsvp).where(Rsvp.session_id == row.id, Rsvp.user_id == user.id))
    if current is None:
        current = Rsvp(session_id=row.id, user_id=user.id, answer=NOT_GOING)
        session.add(current)
    before = current.answer
    if answer == GOING:
        if before in (GOING, WAITLISTED):
            result = before
        elif capacity is None or going < capacity:
            _move(session, row, going=1)
            current.answer, current.position, result = GOING, None, GOING
        else:
            current.position = _move(session, row, waitlist=1)
            current.answer, result = WAITLISTED, WAITLISTED
    else:
        current.answer, current.position, result = answer, None, answer
        if before == GOING:
            _move(session, row, going=-1)
            _promote(session, row)
    current.updated_at = utcnow()
    session.flush()
    session.expire(row, ["going_count", "waitlist_seq"])
    return result


def _promote(session: Session, row: TrainingSession) -> int | None:
    """Give the freed place to the first on the waitlist and notify them; their id."""
    first = session.scalar(
        select(Rsvp)
        .where(Rsvp.session_id == row.id, Rsvp.answer == WAITLISTED)
        .order_by(Rsvp.position, Rsvp.id)
        .limit(1)
    )
    if first is None:
        return None
    first.answer, first.position, first.updated_at = GOING, None, utcnow()
    session.flush()
    _move(session, row, going=1)
    notifications.notify(session, [first.user_id], PROMOTED_KIND, session_target(row))
    return first.user_id


def fill_places(session: Session, row: TrainingSession) -> list[int]:
    """Give the free places of `row` (its row locked) to the waitlist in order, each
    promoted person notified; their ids."""
    promoted = []
    while True:
        going, capacity = lock_counts(session, row)
        if capacity is not None and going >= capacity:
            break
        user_id = _promote(session, row)
        if user_id is None:
            break
        promoted.append(user_id)
    session.expire(row, ["going_count", "waitlist_seq"])
    return promoted


@dataclass(frozen=True)
class Answers:
    """How many answered what, and the viewer's own answer and place on the waitlist."""

    going: int
    waitlisted: int
    maybe: int
    mine: str | None
    my_position: int | None  # 1 = next to get a place


def answers_of_session(session: Session, row: TrainingSession, viewer) -> Answers:
    """The counts of each answer, and the viewer's with their place on the waitlist (two
    queries)."""
    counts = dict(
        session.execute(
            select(Rsvp.answer, func.count()).where(Rsvp.session_id == row.id).group_by(Rsvp.answer)
        ).all()
    )
    ahead = aliased(Rsvp)
    place = (
        select(func.count())
        .select_from(ahead)
        .where(
            ahead.session_id == Rsvp.session_id,
            ahead.answer == WAITLISTED,
            ahead.position <= Rsvp.position,
        )
        .correlate(Rsvp)
        .scalar_subquery()
    )
    mine = session.execute(
        select(Rsvp.answer, place).where(Rsvp.session_id == row.id, Rsvp.user_id == viewer.id)
    ).first()
    position = mine[1] if mine and mine[0] == WAITLISTED else None
    return Answers(
        going=counts.get(GOING, 0),
        waitlisted=counts.get(WAITLISTED, 0),
        maybe=counts.get(MAYBE, 0),
        mine=mine.answer if mine else None,
        my_position=position,
    )
