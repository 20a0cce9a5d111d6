"""Trainers' side: moving a proposal through its statuses with a public answer (merging
included), private notes, and the review queue.

Every status change adds an Answer (the proposal's public timeline), is audited, and
notifies the proposal's followers (the proposer and supporters unless they unfollowed)
once each, through the notifications feature, after the caller commits.
"""

from dataclasses import dataclass

from sqlalchemy import Integer, case, distinct, func, literal, select
from sqlalchemy.orm import Session, joinedload

from mediator_portal import audit, pagination
from mediator_portal.accounts.services import Municipality, User
from mediator_portal.database import dialect_insert, utcnow
from mediator_portal.notifications import services as notifications
from mediator_portal.text import render_markdown
from mediator_portal.training.models import (
    ACCEPTED,
    MERGED,
    PROPOSED,
    SCHEDULED,
    TRANSITIONS,
    UNDER_REVIEW,
    Answer,
    Follow,
    Note,
    Proposal,
    Support,
)
from mediator_portal.training.services.errors import (
    InvalidMergeTarget,
    InvalidTransition,
    NotFound,
)
from mediator_portal.training.services.notices import ANSWER_KIND, target_of
from mediator_portal.training.services.roles import require_manager
from mediator_portal.training.services.supports import follower_ids
from mediator_portal.training.services.texts import clean_text

QUEUE_PER_PAGE = 30
QUEUE_STATUSES = (PROPOSED, UNDER_REVIEW, ACCEPTED)


def change_status(
    session: Session,
    proposal: Proposal,
    *,
    actor,
    status: str,
    body: str,
    merge_into: Proposal | None = None,
) -> Answer:
    """Move `proposal` to `status` with the public answer `body`; `merge_into` (for "merged")
    is the survivor, which gets the merged proposal's supporters and followers (each counted
    once). Raises NotAllowed (not a trainer or administrator), InvalidTransition,
    InvalidMergeTarget, EmptyText, TextTooLong."""
    require_manager(actor)
    if status not in TRANSITIONS.get(proposal.status, ()):
        raise InvalidTransition()
    if status == MERGED:
        if merge_into is None or merge_into.id == proposal.id or not merge_into.is_open:
            raise InvalidMergeTarget()
    else:
        merge_into = None
    body = clean_text(body)
    now = utcnow()
    answer = Answer(
        proposal_id=proposal.id,
        author_id=actor.id,
        from_status=proposal.status,
        to_status=status,
        body=body,
        body_html=render_markdown(body),
        merged_into_id=merge_into.id if merge_into else None,
        created_at=now,
    )
    session.add(answer)
    proposal.status, proposal.answered_at = status, now
    if merge_into is not None:
        proposal.merged_into_id = merge_into.id
        _carry_over(session, proposal, merge_into)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="training.proposal.status",
        target=proposal,
        target_label=proposal.title,
        details={"from": answer.from_status, "to": status}
        | ({"into": merge_into.id} if merge_into else {}),
    )
    notifications.notify(
        session, follower_ids(session, proposal.id), ANSWER_KIND, target_of(proposal), actor
    )
    return answer


def schedule(session: Session, proposals: list[Proposal], *, row, actor, body: str) -> list[Answer]:
    """Attach accepted `proposals` to training session `row`: each becomes "scheduled" with
    the answer `body` (its followers are told). Raises NotAllowed, InvalidTransition (one
    is not accepted), EmptyText, TextTooLong."""
    answers = []
    for proposal in proposals:
        if proposal.status != ACCEPTED:
            raise InvalidTransition()
        proposal.session_id = row.id
        answers.append(change_status(session, proposal, actor=actor, status=SCHEDULED, body=body))
    return answers


def accepted_proposals(session: Session) -> list[Proposal]:
    """Accepted proposals waiting for a session, the most supported first (one query)."""
    return list(
        session.scalars(
            select(Proposal)
            .where(Proposal.status == ACCEPTED)
            .order_by(Proposal.support_count.desc(), Proposal.id)
        )
    )


def proposals_of_session(session: Session, row) -> list[Proposal]:
    """The proposals a training session covers (one query)."""
    return list(
        session.scalars(select(Proposal).where(Proposal.session_id == row.id).order_by(Proposal.id))
    )


def _carry_over(session: Session, merged: Proposal, survivor: Proposal) -> None:
    """The merged proposal's supporters support the survivor (nobody twice) and its
    followers follow it (an earlier choice on the survivor kept); the survivor's count is
    counted again from its rows."""
    already = select(Support.user_id).where(Support.proposal_id == survivor.id)
    session.execute(
        dialect_insert(session, Support)
        .from_select(
            ["proposal_id", "user_id", "created_at"],
            select(literal(survivor.id, Integer), Support.user_id, Support.created_at).where(
                Support.proposal_id == merged.id, Support.user_id.not_in(already)
            ),
        )
        .on_conflict_do_nothing(index_elements=["proposal_id", "user_id"])
    )
    following = select(Follow.user_id).where(Follow.proposal_id == survivor.id)
    session.execute(
        dialect_insert(session, Follow)
        .from_select(
            ["user_id", "proposal_id", "following", "seen_at"],
            select(Follow.user_id, literal(survivor.id, Integer), Follow.following, Follow.seen_at)
            .where(Follow.proposal_id == merged.id, Follow.following.is_(True))
            .where(Follow.user_id.not_in(following)),
        )
        .on_conflict_do_nothing(index_elements=["user_id", "proposal_id"])
    )
    survivor.support_count = (
        select(func.count()).select_from(Support).where(Support.proposal_id == survivor.id)
    ).scalar_subquery()


def answers_of(session: Session, proposal: Proposal) -> list[Answer]:
    """The public timeline of `proposal`, oldest first, with the trainers' names."""
    return list(
        session.scalars(
            select(Answer)
            .options(joinedload(Answer.author))
            .where(Answer.proposal_id == proposal.id)
            .order_by(Answer.created_at, Answer.id)
        )
    )


def add_note(session: Session, proposal: Proposal, *, author, body: str) -> Note:
    """A private note on `proposal`. Raises NotAllowed (not a trainer or administrator),
    EmptyText, TextTooLong."""
    require_manager(author)
    body = clean_text(body)
    note = Note(
        proposal_id=proposal.id, author_id=author.id, body=body, body_html=render_markdown(body)
    )
    session.add(note)
    session.flush()
    return note


def notes_of(session: Session, viewer, proposal: Proposal) -> list[Note]:
    """The private notes of `proposal`, oldest first. Raises NotAllowed for anyone but
    trainers and administrators."""
    require_manager(viewer)
    return list(
        session.scalars(
            select(Note)
            .options(joinedload(Note.author))
            .where(Note.proposal_id == proposal.id)
            .order_by(Note.created_at, Note.id)
        )
    )


@dataclass(frozen=True)
class QueueRow:
    """A proposal waiting for trainers, with how many regions its supporters come from."""

    proposal: Proposal
    regions: int


def review_queue(session: Session, viewer, *, page: int = 1) -> pagination.Page:
    """Proposals to look at (proposed, under review, accepted): never answered first, then
    the most supported, then the oldest; each with its supporters' region count. Two
    queries. Raises NotAllowed (not a trainer or administrator), NotFound (page past the
    end)."""
    require_manager(viewer)
    where = Proposal.status.in_(QUEUE_STATUSES)
    total = session.scalar(select(func.count()).select_from(Proposal).where(where))
    pages = max((total + QUEUE_PER_PAGE - 1) // QUEUE_PER_PAGE, 1)
    if page < 1 or page > pages:
        raise NotFound()
    regions = (
        select(func.count(distinct(Municipality.region_id)))
        .select_from(Support)
        .join(User, User.id == Support.user_id)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(Support.proposal_id == Proposal.id)
        .correlate(Proposal)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Proposal, regions.label("regions"))
        .options(joinedload(Proposal.theme), joinedload(Proposal.author))
        .where(where)
        .order_by(
            case((Proposal.answered_at.is_(None), 0), else_=1),
            Proposal.support_count.desc(),
            Proposal.created_at,
            Proposal.id,
        )
        .limit(QUEUE_PER_PAGE)
        .offset((page - 1) * QUEUE_PER_PAGE)
    )
    items = [QueueRow(proposal, count or 0) for proposal, count in rows]
    return pagination.Page(page=page, pages=pages, items=items, total=total)
