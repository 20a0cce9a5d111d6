"""The supervision feature's public API: other features use these names only.

* who supervises whom (`people`), groups (`groups`), publishing, changing and cancelling
  slots (`slots`), booking and cancelling seats (`booking`), what the pages show
  (`listing`), Athens wall-clock times (`times`), notification kinds (`notices`), errors.
"""

from mediator_portal.supervision.models import (
    ATTENDED,
    BOOKED,
    CANCELLED_BY_MEDIATOR,
    CANCELLED_LATE,
    CONFIRMED,
    DISPUTED,
    GROUP,
    INDIVIDUAL,
    MARKED_LATE,
    NO_SHOW,
    PENDING,
    SLOT_CANCELLED,
    Booking,
    Mark,
    Period,
    Slot,
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
from mediator_portal.supervision.services.feed import calendar_events
from mediator_portal.supervision.services.groups import (
    create_group,
    group_or_404,
    groups_of,
    update_group,
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
from mediator_portal.supervision.services.notes import (
    READS_SHOWN,
    NoteTarget,
    booked_mediator_ids,
    note_target_or_404,
    reads_about,
    record_reads,
    save_note,
    shared_notes,
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
from mediator_portal.supervision.services.reminders import REMINDER_KIND
from mediator_portal.supervision.services.slots import (
    Published,
    Where,
    own_series_or_404,
    publish,
)
from mediator_portal.supervision.services.targets import period_or_404, save_period
from mediator_portal.supervision.services.times import athens_moment, monday_of, weekly_days
from mediator_portal.supervision.services.waitlist import (
    accept,
    book_seat,
    claim_window,
    join,
    leave,
    offer_free_seats,
)
from mediator_portal.supervision.services.waitlist_listing import (
    Place,
    entries_among,
    my_places,
    own_entry_or_404,
    place,
)
from mediator_portal.supervision.services.waitlist_notices import OFFER_KIND
