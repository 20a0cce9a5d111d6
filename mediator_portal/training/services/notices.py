"""How the notifications feature sees training: the kind of notification an answer makes,
and the "training_proposal" target (every member may read a proposal; the e-mail carries
the start of its text)."""

from flask_babel import lazy_gettext as _l

from mediator_portal.notifications import services as notifications
from mediator_portal.permissions import Permission, user_can
from mediator_portal.text import plain_excerpt
from mediator_portal.training.models import Proposal, TrainingSession
from mediator_portal.training.services.proposals import proposals_by_id
from mediator_portal.training.services.sessions import sessions_by_id

ANSWER_KIND = "training_answer"
PROMOTED_KIND = "training_promoted"
TARGET_TYPE = "training_proposal"
SESSION_TYPE = "training_session"
EXCERPT_LENGTH = 300

notifications.register_kind(
    notifications.Kind(
        ANSWER_KIND, _l("Answers to training proposals I follow"), delivery="immediately"
    )
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
