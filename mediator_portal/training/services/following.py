"""What the home page shows of training: proposals one follows with an answer one has not
seen yet (one query)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from mediator_portal.training.models import Follow, Proposal


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
