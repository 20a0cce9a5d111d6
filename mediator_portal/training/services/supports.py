"""Supporting a proposal (once per member: the unique constraint decides), withdrawing a
support, following and unfollowing, and what the viewer has done on one proposal.

Every write is one "insert unless there" or one delete, with the count moved by what that
statement actually did: twenty tabs supporting at the same instant leave one support and a
count of one, on SQLite and PostgreSQL, and none of them gets an error.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.training.models import MERGED, Follow, Proposal, Support
from mediator_portal.training.services.errors import ProposalClosed, ProposalMerged


def require_open(proposal: Proposal) -> None:
    """Raises ProposalMerged or ProposalClosed unless members may still act on `proposal`."""
    if proposal.status == MERGED:
        raise ProposalMerged()
    if not proposal.is_open:
        raise ProposalClosed()


def _move_count(session: Session, proposal: Proposal, by: int) -> None:
    session.execute(
        update(Proposal)
        .where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count + by),
        execution_options={"synchronize_session": False},
    )
    session.expire(proposal, ["support_count"])


def support(session: Session, proposal: Proposal, user) -> bool:
    """Add `user`'s support (and follow, unless they unfollowed it before). True when it was
    added, False when they supported it already (also when another request of theirs added
    it a moment before). Raises ProposalMerged, ProposalClosed."""
    require_open(proposal)
    statement = (
        dialect_insert(session, Support)
        .values(proposal_id=proposal.id, user_id=user.id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["proposal_id", "user_id"])
        .returning(Support.id)
    )
    # ON CONFLICT DO NOTHING on the unique constraint: a twin request that inserted first
    # makes this one insert nothing (no row returned), never an IntegrityError. RETURNING,
    # not rowcount: psycopg reports -1 for such an insert.
    added = session.execute(statement).first() is not None
    if added:
        _move_count(session, proposal, 1)
    follow(session, proposal, user, only_if_unset=True)
    return bool(added)


def withdraw(session: Session, proposal: Proposal, user) -> bool:
    """Withdraw `user`'s support; True when there was one. Raises ProposalMerged,
    ProposalClosed (the count of a closed proposal is its history)."""
    require_open(proposal)
    removed = session.execute(
        delete(Support)
        .where(Support.proposal_id == proposal.id, Support.user_id == user.id)
        .returning(Support.id)
    ).all()
    if removed:
        _move_count(session, proposal, -len(removed))
    return bool(removed)


def follow(
    session: Session, proposal: Proposal, user, *, following: bool = True, only_if_unset=False
) -> None:
    """Follow (or, `following` False, unfollow) `proposal`. `only_if_unset`: follow only when
    the person never chose (supporting follows; an earlier unfollow is kept). One statement."""
    statement = dialect_insert(session, Follow).values(
        user_id=user.id, proposal_id=proposal.id, following=following, seen_at=utcnow()
    )
    if only_if_unset:
        statement = statement.on_conflict_do_nothing(index_elements=["user_id", "proposal_id"])
    else:
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "proposal_id"], set_={"following": following}
        )
    session.execute(statement)


def mark_seen(session: Session, proposal: Proposal, user) -> None:
    """Note that `user` has opened `proposal` now (only when they follow it)."""
    session.execute(
        update(Follow)
        .where(Follow.user_id == user.id, Follow.proposal_id == proposal.id)
        .values(seen_at=utcnow())
    )


@dataclass(frozen=True)
class ViewerState:
    """What the viewer has done on one proposal."""

    supported: bool
    following: bool


def viewer_state(session: Session, proposal: Proposal, user) -> ViewerState:
    """Whether `user` supports and follows `proposal` (one query)."""
    supported = (
        select(Support.id)
        .where(Support.proposal_id == proposal.id, Support.user_id == user.id)
        .exists()
    )
    row = session.execute(
        select(supported, Follow.following)
        .select_from(Proposal)
        .outerjoin(Follow, (Follow.proposal_id == Proposal.id) & (Follow.user_id == user.id))
        .where(Proposal.id == proposal.id)
    ).one()
    return ViewerState(bool(row[0]), bool(row[1]))


def follower_ids(session: Session, proposal_id: int) -> list[int]:
    """Who follows the proposal (one query)."""
    return list(
        session.scalars(
            select(Follow.user_id).where(
                Follow.proposal_id == proposal_id, Follow.following.is_(True)
            )
        )
    )
