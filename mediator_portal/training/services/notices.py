"""How the notifications feature sees training: the kinds of notification an answer and a
comment make, the "training_proposal" target (every member may read a proposal; the e-mail
carries the start of its text), the "training_comment" one (the proposal's page at the
comment; the e-mail carries the start of the comment) and the "training_session" one."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from mediator_portal.notifications import services as notifications
from mediator_portal.permissions import Permission, user_can
from mediator_portal.text import plain_excerpt
from mediator_portal.training.models import Comment, Proposal, TrainingSession
from mediator_portal.training.services.proposals import proposals_by_id
from mediator_portal.training.services.sessions import sessions_by_id

ANSWER_KIND = "training_answer"
PROMOTED_KIND = "training_promoted"
COMMENT_KIND = "training_comment"
TARGET_TYPE = "training_proposal"
SESSION_TYPE = "training_session"
COMMENT_TYPE = "training_comment"
EXCERPT_LENGTH = 300

notifications.register_kind(
    notifications.Kind(
        ANSWER_KIND, _l("Answers to training proposals I follow"), delivery="immediately"
    )
)

notifications.register_kind(
    notifications.Kind(COMMENT_KIND, _l("Comments on training proposals I follow"))
)

notifications.register_kind(
    notifications.Kind(
        PROMOTED_KIND,
        _l("A place for me at a training session (from the waitlist)"),
        delivery="immediately",
        mutable=False,
        urgent=True,
    )
)


def target_of(proposal: Proposal) -> notifications.Target:
    """The notifications' target for `proposal`."""
    return notifications.Target(TARGET_TYPE, proposal.id)


def _resolve(viewer, proposal: Proposal) -> notifications.Resolved:
    return notifications.Resolved(
        title=proposal.title,
        link=notifications.Link("training.proposal", (("proposal_id", proposal.id),)),
        readable=user_can(viewer, Permission.TOPIC_PROPOSE),
    )


def _excerpt(proposal: Proposal) -> str:
    return plain_excerpt(proposal.body, EXCERPT_LENGTH)


notifications.register_resolver(
    TARGET_TYPE, notifications.Resolver(proposals_by_id, _resolve, excerpt=_excerpt)
)


def session_target(row: TrainingSession) -> notifications.Target:
    """The notifications' target for a training session."""
    return notifications.Target(SESSION_TYPE, row.id)


def _resolve_session(viewer, row: TrainingSession) -> notifications.Resolved:
    return notifications.Resolved(
        title=row.title,
        link=notifications.Link("training.session", (("session_id", row.id),)),
        readable=user_can(viewer, Permission.TOPIC_PROPOSE),
    )


notifications.register_resolver(
    SESSION_TYPE, notifications.Resolver(sessions_by_id, _resolve_session)
)


@dataclass(frozen=True)
class CommentNotice:
    """A comment as a notification sees it: the comment and its proposal's title."""

    comment: Comment
    proposal_title: str


def comment_target(comment: Comment) -> notifications.Target:
    """The notifications' target for a comment on a proposal."""
    return notifications.Target(COMMENT_TYPE, comment.id)


def _load_comments(session, ids) -> dict[int, CommentNotice]:
    rows = session.execute(
        select(Comment, Proposal.title)
        .join(Proposal, Proposal.id == Comment.proposal_id)
        .where(Comment.id.in_(set(ids)))
    )
    return {comment.id: CommentNotice(comment, title) for comment, title in rows}


def _resolve_comment(viewer, notice: CommentNotice) -> notifications.Resolved:
    comment = notice.comment
    values = (("proposal_id", comment.proposal_id), ("_anchor", f"comment-{comment.id}"))
    return notifications.Resolved(
        title=notice.proposal_title,
        link=notifications.Link("training.proposal", values),
        readable=user_can(viewer, Permission.TOPIC_PROPOSE),
    )


def _comment_excerpt(notice: CommentNotice) -> str:
    return plain_excerpt(notice.comment.body, EXCERPT_LENGTH)


notifications.register_resolver(
    COMMENT_TYPE,
    notifications.Resolver(_load_comments, _resolve_comment, excerpt=_comment_excerpt),
)
