"""Training's panel on the home page: proposals one follows with an answer one has not
seen yet (one query, whatever one follows)."""

from mediator_portal.features import HomePanel
from mediator_portal.permissions import Permission
from mediator_portal.training import services

PANEL_ROWS = 5


def new_answers(session, user):
    """Followed proposals answered since one last opened them, the latest first."""
    return services.followed_with_new_answer(session, user, limit=PANEL_ROWS)


PANELS = (
    HomePanel(
        "training.answers",
        "training/panels/answers.html",
        new_answers,
        permission=Permission.TOPIC_PROPOSE,
        order=50,
    ),
)
