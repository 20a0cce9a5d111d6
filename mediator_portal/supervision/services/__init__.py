"""The supervision feature's public API: other features use these names only.

* who supervises whom (`people`), groups (`groups`), publishing, changing and cancelling
  slots (`slots`), booking and cancelling seats (`booking`), what the pages show
  (`listing`), Athens wall-clock times (`times`), notification kinds (`notices`), errors.
"""

from mediator_portal.supervision.models import (
    BOOKED,
    CANCELLED_BY_MEDIATOR,
    CANCELLED_LATE,
    GROUP,
    INDIVIDUAL,
    SLOT_CANCELLED,
    Booking,
    Slot,
)
from mediator_portal.supervision.services.booking import (
    book,
    cancel_booking,
    is_late,
    setting,
    with_retries,
)
from mediator_portal.supervision.services.changes import cancel, cancel_series, edit
from mediator_portal.supervision.services.errors import (
    Busy,
    NotFound,
    SupervisionError,
)
from mediator_portal.supervision.services.groups import (
    create_group,
    group_or_404,
    groups_of,
    update_group,
)
from mediator_portal.supervision.services.listing import (
    LINK_WINDOW,
    BookingWeek,
    Mine,
    Month,
    Week,
    booking_week,
    get_slot,
    link_open,
    live_booking,
    my_bookings,
    next_session,
    own_booking_or_404,
    own_slot_or_404,
    supervisor_month,
    supervisor_week,
    visible_slot_or_404,
)
from mediator_portal.supervision.services.notices import CANCELLED_KIND, CHANGED_KIND, SLOT_TYPE
from mediator_portal.supervision.services.people import (
    Row,
    active_people,
    assign,
    assignment_rows,
    current_assignment,
    history,
    mediator_or_404,
    supervisee_or_404,
    supervisees,
)
from mediator_portal.supervision.services.slots import (
    Published,
    Where,
    own_series_or_404,
    publish,
)
from mediator_portal.supervision.services.times import athens_moment, monday_of, weekly_days

# isort: split
# Part 2, attendance and hours (sup-hours).
from mediator_portal.supervision.models import (
    ATTENDED,
    CONFIRMED,
    DISPUTED,
    MARKED_LATE,
    NO_SHOW,
    PENDING,
    Mark,
    Period,
)
from mediator_portal.supervision.services.attendance import (
    SheetRow,
    attendance_sheet,
    confirm,
    dispute,
    has_started,
    mark_attendance,
    own_mark_or_404,
)
from mediator_portal.supervision.services.hours import (
    below,
    current_period,
    hours_below_target,
    hours_record,
    periods,
)
from mediator_portal.supervision.services.hours_errors import CommentRequired, CommentTooLong
from mediator_portal.supervision.services.hours_notices import DISPUTED_KIND
from mediator_portal.supervision.services.hours_totals import (
    MediatorTotals,
    RegionTotals,
    by_region,
    totals,
)
from mediator_portal.supervision.services.targets import period_or_404, save_period

__all__ = [
    "BOOKED",
    "CANCELLED_BY_MEDIATOR",
    "CANCELLED_KIND",
    "CANCELLED_LATE",
    "CHANGED_KIND",
    "GROUP",
    "INDIVIDUAL",
    "LINK_WINDOW",
    "SLOT_CANCELLED",
    "SLOT_TYPE",
    "Booking",
    "BookingWeek",
    "Busy",
    "Mine",
    "Month",
    "NotFound",
    "Published",
    "Row",
    "Slot",
    "SupervisionError",
    "Week",
    "Where",
    "active_people",
    "assign",
    "assignment_rows",
    "athens_moment",
    "book",
    "booking_week",
    "cancel",
    "cancel_booking",
    "cancel_series",
    "create_group",
    "current_assignment",
    "edit",
    "get_slot",
    "group_or_404",
    "groups_of",
    "history",
    "is_late",
    "link_open",
    "live_booking",
    "mediator_or_404",
    "monday_of",
    "my_bookings",
    "next_session",
    "own_booking_or_404",
    "own_series_or_404",
    "own_slot_or_404",
    "publish",
    "setting",
    "supervisee_or_404",
    "supervisees",
    "supervisor_month",
    "supervisor_week",
    "update_group",
    "visible_slot_or_404",
    "weekly_days",
    "with_retries",
    "ATTENDED",
    "CONFIRMED",
    "DISPUTED",
    "MARKED_LATE",
    "NO_SHOW",
    "PENDING",
    "Mark",
    "Period",
    "CommentRequired",
    "DISPUTED_KIND",
    "CommentTooLong",
    "MediatorTotals",
    "RegionTotals",
    "SheetRow",
    "attendance_sheet",
    "below",
    "by_region",
    "confirm",
    "current_period",
    "dispute",
    "has_started",
    "hours_below_target",
    "hours_record",
    "mark_attendance",
    "own_mark_or_404",
    "period_or_404",
    "periods",
    "save_period",
    "totals",
]
