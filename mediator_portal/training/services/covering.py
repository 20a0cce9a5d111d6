"""After a session: the proposals scheduled for it become "covered", with a public answer
linking the session (in the name of the trainer who created it), and their followers are
told. Run by a periodic job; exactly once even with two workers, because each proposal is
claimed by an UPDATE that only a still-scheduled proposal passes."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mediator_portal.notifications import services as notifications
from mediator_portal.text import render_markdown
from mediator_portal.training.models import COVERED, SCHEDULED, Answer, Proposal, TrainingSession
from mediator_portal.training.services.notices import ANSWER_KIND, target_of
from mediator_portal.training.services.supports import follower_ids

# A generated answer is written once, for everyone: in Greek, then English.
COVERED_TEXT = (
    "Καλύφθηκε στην επιμόρφωση [{title}](/training/sessions/{id}).\n\n"
    "Covered by the training session [{title}](/training/sessions/{id})."
)


def cover_ended(session: Session, now: datetime) -> list[int]:
    """Mark covered every scheduled proposal whose session ended by `now`; their ids."""
    due = session.execute(
        select(
            Proposal.id, TrainingSession.id, TrainingSession.title, TrainingSession.created_by_id
        )
        .join(TrainingSession, Proposal.session_id == TrainingSession.id)
        .where(Proposal.status == SCHEDULED, TrainingSession.ends_at <= now)
        .order_by(Proposal.id)
    ).all()
    covered = []
    for proposal_id, session_id, title, trainer_id in due:
        claimed = session.execute(
            update(Proposal)
            .where(Proposal.id == proposal_id, Proposal.status == SCHEDULED)
            .values(status=COVERED, answered_at=now)
            .returning(Proposal.id),
            execution_options={"synchronize_session": False},
        ).first()
        if claimed is None:
            continue  # another worker covered it meanwhile
        safe_title = title.replace("[", "(").replace("]", ")")
        body = COVERED_TEXT.format(title=safe_title, id=session_id)
        session.add(
            Answer(
                proposal_id=proposal_id,
                author_id=trainer_id,
                from_status=SCHEDULED,
                to_status=COVERED,
                body=body,
                body_html=render_markdown(body),
                created_at=now,
            )
        )
        session.flush()
        proposal = session.get(Proposal, proposal_id)
        notifications.notify(
            session,
            follower_ids(session, proposal_id),
            ANSWER_KIND,
            target_of(proposal),
            trainer_id,
        )
        covered.append(proposal_id)
    return covered
