"""The library's panel on the home page: the newest material the person may see."""

from mediator_portal.features import HomePanel
from mediator_portal.library import services
from mediator_portal.permissions import Permission

PANEL_ROWS = 5


def new_material(session, user):
    """The five newest items `user` may see (one query)."""
    return services.newest_items(session, user, limit=PANEL_ROWS)


PANELS = (
    HomePanel(
        "library.new",
        "library/panels/new.html",
        new_material,
        permission=Permission.LIBRARY_READ,
        order=50,
    ),
)
