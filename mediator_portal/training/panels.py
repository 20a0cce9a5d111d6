"""Training's panels on the home page: proposals one follows with an answer one has not
seen yet, and one's next session (one query each, whatever one follows or answered)."""

from mediator_portal.features import HomePanel
from mediator_portal.permissions import Permission
from mediator_portal.training import services

PANEL_ROWS = 5


def new_answers(session, user):
    """Followed proposals answered since one last opened them, the latest first."""
    return services.followed_with_new_answer(session, user, limit=PANEL_ROWS)


def next_session(session, user):
    """The next session one is going to (or waitlisted for), or None."""
    return services.next_session_of(session, user)


PANELS = (
    HomePanel(
        "training.answers",
        "training/panels/answers.html",
        new_answers,
        permission=Permission.TOPIC_PROPOSE,
        order=50,
    ),
    HomePanel(
        "training.next_session",
        "training/panels/next_session.html",
        next_session,
        permission=Permission.TOPIC_PROPOSE,
        order=45,
    ),
)
