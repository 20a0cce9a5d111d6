"""Clinical supervision's tables, one module per group: who supervises whom (people), and
the slots and bookings (slots). Later parts add their own modules and import them here."""

from mediator_portal.supervision.models.notes import NOTE_MAX, Note, NoteRead
from mediator_portal.supervision.models.people import CURRENT, Assignment, Group, GroupMember
from mediator_portal.supervision.models.slots import (
    ACTIVE,
    BOOKED,
    BOOKING_STATUSES,
    CANCELLED,
    CANCELLED_BY_MEDIATOR,
    CANCELLED_LATE,
    GROUP,
    INDIVIDUAL,
    KINDS,
    LIVE,
    NAME_MAX,
    PLACE_MAX,
    REASON_MAX,
    SLOT_CANCELLED,
    URL_MAX,
    Booking,
    Series,
    Slot,
)

__all__ = [
    "ACTIVE",
    "BOOKED",
    "BOOKING_STATUSES",
    "CANCELLED",
    "CANCELLED_BY_MEDIATOR",
    "CANCELLED_LATE",
    "CURRENT",
    "GROUP",
    "INDIVIDUAL",
    "KINDS",
    "LIVE",
    "NAME_MAX",
    "PLACE_MAX",
    "REASON_MAX",
    "SLOT_CANCELLED",
    "URL_MAX",
    "Assignment",
    "Booking",
    "Group",
    "GroupMember",
    "Series",
    "Slot",
    "NOTE_MAX",
    "Note",
    "NoteRead",
]
from mediator_portal.supervision.models.waitlist import (  # noqa: E402 - part 2: the waitlist
    ACCEPTED,
    EXPIRED,
    LEFT,
    OFFERED,
    WAITING,
    WaitlistEntry,
)

__all__ += ["ACCEPTED", "EXPIRED", "LEFT", "OFFERED", "WAITING", "WaitlistEntry"]
