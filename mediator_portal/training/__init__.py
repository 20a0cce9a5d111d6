"""Training topics: members propose and support topics for the training meetings, comment
and follow them; trainers answer in public (proposed → under review → accepted →
scheduled → covered, declined or merged), keep private notes and work through a review
queue.

Other features use `mediator_portal.training.services`, nothing else of this package.
"""

from flask_babel import lazy_gettext as _l

from mediator_portal.features import Demo, Feature, NavEntry
from mediator_portal.i18n import N_
from mediator_portal.permissions import Permission
from mediator_portal.training import demo, jobs, services  # noqa: F401 - jobs, kinds, targets register
from mediator_portal.training.panels import PANELS
from mediator_portal.training.views import bp

AUDIT_ACTIONS = {
    "training.proposal.status": _l("Answered a training proposal (status change)"),
    "training.theme.create": _l("Added a training theme"),
    "training.theme.update": _l("Edited a training theme"),
    "training.session.reschedule": _l("Changed the time or place of a training session"),
    "training.proposal.edit": _l("Edited a training proposal"),
    "training.session.material": _l("Added material to a training session"),
    "training.session.edit": _l("Edited a training session"),
    "training.session.cancel": _l("Cancelled a training session"),
}

feature = Feature(
    name="training",
    blueprint=bp,
    audit_actions=AUDIT_ACTIONS,
    nav=(
        NavEntry(
            "training.index",
            N_("Training topics"),
            Permission.TOPIC_PROPOSE,
            section="training",
            order=40,
        ),
        NavEntry("training.review", N_("Review queue"), Permission.TRAINING_MANAGE, order=41),
    ),
    home_panels=PANELS,
    demo=Demo(load=demo.load, present=demo.present),
    calendar_events=services.calendar_events,
)

__all__ = ["bp", "feature"]
