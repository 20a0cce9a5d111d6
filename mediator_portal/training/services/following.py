"""What the home page shows of training: proposals one follows with an answer one has not
seen yet, and one's next session (one query each)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from mediator_portal.database import utcnow
from mediator_portal.training.models import (
    GOING,
    WAITLISTED,
    Follow,
    Proposal,
    Rsvp,
    TrainingSession,
)


def followed_with_new_answer(session: Session, user, *, limit: int = 5) -> list[Proposal]:
    """Proposals `user` follows whose last answer came after they last opened them, the
    most recently answered first."""
    return list(
        session.scalars(
            select(Proposal)
            .join(Follow, Follow.proposal_id == Proposal.id)
            .where(
                Follow.user_id == user.id,
                Follow.following.is_(True),
                Proposal.answered_at.is_not(None),
                Proposal.answered_at > Follow.seen_at,
            )
            .order_by(Proposal.answered_at.desc(), Proposal.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class NextSession:
    """The next session one is going to, or waiting for a place at (`answer`)."""

    session: TrainingSession
    answer: str


def next_session_of(session: Session, user, now=None) -> NextSession | None:
    """The soonest session not ended yet that `user` is going to or waitlisted for, with its
    municipality (one query); None when there is none."""
    found = session.execute(
        select(TrainingSession, Rsvp.answer)
        .options(joinedload(TrainingSession.municipality))
        .join(Rsvp, Rsvp.session_id == TrainingSession.id)
        .where(
            Rsvp.user_id == user.id,
            Rsvp.answer.in_((GOING, WAITLISTED)),
            TrainingSession.ends_at > (now or utcnow()),
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
        .limit(1)
    ).first()
    return NextSession(*found) if found else None
