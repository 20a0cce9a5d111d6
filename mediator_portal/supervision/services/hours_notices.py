"""A disputed session tells the slot's supervisor (on the slot, readable by them): the
notification and its e-mail say only that a session was disputed, never the comment, which
the supervisor reads on the sheet and on the mediator's record."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mediator_portal.notifications import services as notifications
from mediator_portal.supervision.models import Slot
from mediator_portal.supervision.services.notices import slot_target

DISPUTED_KIND = "supervision_disputed"

notifications.register_kind(
    notifications.Kind(
        DISPUTED_KIND,
        _l("A mediator disputed a supervision session I marked"),
        delivery="immediately",
        mutable=False,
    )
)


def tell_supervisor(session: Session, slot: Slot, mediator) -> None:
    """Notify the slot's supervisor that `mediator` disputed their mark (no detail)."""
    notifications.notify(session, [slot.supervisor_id], DISPUTED_KIND, slot_target(slot), mediator)
