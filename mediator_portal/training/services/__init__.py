"""The training feature's public API: proposals, supports and following, comments, answers
(status changes, merging, private notes, the review queue) and themes. Other features use
these names only."""

from mediator_portal.database import utcnow
from mediator_portal.training.models import (
    ATTENDANCE_LABELS,
    ATTENDANCE_STATUSES,
    GOING,
    MAYBE,
    NOT_GOING,
    OPEN_STATUSES,
    RSVP_ANSWERS,
    STATUS_LABELS,
    STATUSES,
    TRANSITIONS,
    WAITLISTED,
    Proposal,
    Rsvp,
    TrainingSession,
    TrainingTheme,
)
from mediator_portal.training.services.answers import (
    QueueRow,
    accepted_proposals,
    add_note,
    answers_of,
    change_status,
    notes_of,
    proposals_of_session,
    review_queue,
    schedule,
)
from mediator_portal.training.services.attendance import (
    SheetRow,
    attendance_sheet,
    has_started,
    mark_attendance,
    members_to_add,
)
from mediator_portal.training.services.comments import (
    add_comment,
    comment_revisions,
    comments_of,
    edit_comment,
    get_comment,
)
from mediator_portal.training.services.covering import cover_ended
from mediator_portal.training.services.editing import (
    can_edit_proposal,
    edit_mark,
    edit_proposal,
    proposal_revisions,
    require_editor,
)
from mediator_portal.training.services.errors import (
    BadCapacity,
    BadFilter,
    BadMeetingLink,
    CapacityBelowGoing,
    EditConflict,
    EmptyReason,
    EmptyText,
    EmptyThemeName,
    EmptyTitle,
    EndsBeforeStart,
    InvalidMergeTarget,
    InvalidTransition,
    LinkTitleMissing,
    MissingPlace,
    NoMaterial,
    NotAllowed,
    NotFound,
    NotStarted,
    ProposalClosed,
    ProposalLocked,
    ProposalMerged,
    QueryTooLong,
    ReasonTooLong,
    SessionCancelled,
    SessionOver,
    SessionPast,
    TextTooLong,
    ThemeNameTooLong,
    TimeDoesNotExist,
    TitleTooLong,
    TrainingError,
    UnknownAnswer,
    UnknownAttendance,
    UnknownLanguage,
    UnknownMember,
    UnknownTheme,
)
from mediator_portal.training.services.feed import calendar_events, session_event
from mediator_portal.training.services.following import (
    followed_with_new_answer,
    next_session_of,
)
from mediator_portal.training.services.material import (
    MATERIAL_KIND,
    MATERIAL_TYPE,
    add_material,
    material_of,
)
from mediator_portal.training.services.notices import (
    ANSWER_KIND,
    COMMENT_KIND,
    COMMENT_TYPE,
    PROMOTED_KIND,
    SESSION_TYPE,
    TARGET_TYPE,
    comment_target,
    session_target,
    target_of,
)
from mediator_portal.training.services.proposals import (
    PER_PAGE,
    SCOPES,
    SORTS,
    ProposalRow,
    Similar,
    create_proposal,
    get_proposal,
    proposal_page,
    proposals_by_id,
    similar,
)
from mediator_portal.training.services.records import (
    MemberTotals,
    Period,
    Record,
    RecordLine,
    Totals,
    get_member,
    grand_total,
    hours_of,
    record_of,
    records_overview,
)
from mediator_portal.training.services.reminders import (
    REMINDER_KIND,
    Reminder,
    day_reminder_at,
    due_reminders,
    remind,
    reminder_key,
)
from mediator_portal.training.services.roles import can_manage, require_manager
from mediator_portal.training.services.rsvp import Answers, answer_session, answers_of_session
from mediator_portal.training.services.session_changes import (
    CANCELLED_KIND,
    MOVED_KIND,
    REASON_MAX,
    cancel_session,
    edit_session,
)
from mediator_portal.training.services.sessions import (
    LINK_WINDOW,
    Created,
    Month,
    athens_to_utc,
    create_session,
    get_session,
    meeting_link_open,
    month_calendar,
    reschedule_session,
    session_page,
    sessions_by_id,
)
from mediator_portal.training.services.supports import (
    ViewerState,
    follow,
    follower_ids,
    mark_seen,
    support,
    viewer_state,
    withdraw,
)
from mediator_portal.training.services.themes import (
    create_theme,
    get_theme,
    themes,
    update_theme,
)
