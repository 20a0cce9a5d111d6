"""Clinical supervision's tables, one module per group: who supervises whom (people), and
the slots and bookings (slots). Later parts add their own modules and import them here."""

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
]

from mediator_portal.supervision.models.hours import (  # noqa: E402 - part 2 (sup-hours)
    ANSWERS,
    ATTENDED,
    CONFIRMED,
    DISPUTED,
    MARKED_LATE,
    MARKS,
    NO_SHOW,
    PENDING,
    Mark,
    Period,
)

__all__ += [
    "ANSWERS",
    "ATTENDED",
    "CONFIRMED",
    "DISPUTED",
    "MARKED_LATE",
    "MARKS",
    "NO_SHOW",
    "PENDING",
    "Mark",
    "Period",
]
