"""What the board does when other features' signals arrive (see `mediator_portal.signals`)."""

from mediator_portal import signals
from mediator_portal.extensions import db
from mediator_portal.forums.services import rooms


@signals.role_changed.connect
def reset_rooms_of_changed_role(_sender, **_payload) -> None:
    """Someone's role changed: their connections may sit in rooms of the old role's
    categories; every restricted room starts over, and joins are checked anew."""
    rooms.reset_restricted_rooms(db.session)
    db.session.commit()
