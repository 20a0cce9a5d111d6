"""The board's panels on the home page: what is unread, the latest activity, one's drafts.

Each loads its rows through the board's services in one query, whatever the board's size.
"""

from mediator_portal.features import HomePanel
from mediator_portal.forums import services
from mediator_portal.permissions import Permission

PANEL_ROWS = 5


def unread_topics(session, user):
    """Topics with posts the person has not read, or new to them (5, by last activity)."""
    return services.topic_rows(session, user, "unseen", limit=PANEL_ROWS)


def latest_topics(session, user):
    """The latest active topics across the categories the person may read."""
    return services.topic_rows(session, user, "latest", limit=PANEL_ROWS)


def my_drafts(session, user):
    """Replies and topics the person started writing and has not posted."""
    return services.my_drafts(session, user, limit=PANEL_ROWS)


PANELS = (
    HomePanel("forums.unread", "forums/panels/unread.html", unread_topics, order=20),
    HomePanel("forums.latest", "forums/panels/latest.html", latest_topics, order=30),
    HomePanel(
        "forums.drafts",
        "forums/panels/drafts.html",
        my_drafts,
        permission=Permission.FORUM_PARTICIPATE,
        order=40,
    ),
)
