"""The message board's rules, as plain functions that take the session and never commit.

Import this package (`from mediator_portal.forums import services`) and use the
names below; the submodules group them: `access` (who may see/do what, room
names), `categories`, `posting`, `moderation`, `reactions`, `reading`, `drafts`,
`pages` (what each page loads), `post_display` (posts as read-only values for display),
`rooms` (Socket.IO rooms that
start over when who may read them changes), `topic_lists` (Latest, Unread, New and the
navigation's counts), `lookup` (rows by id, for other features) and `errors`.
"""

from mediator_portal.forums.services.access import (
    can_delete_post,
    can_edit_post,
    can_reply,
    can_start_topic,
    can_view_category,
    can_view_post,
    can_view_topic,
    category_readable_sql,
    category_room,
    is_moderator,
    post_readable_sql,
    topic_readable_sql,
    topic_room,
)
from mediator_portal.forums.services.attachments import (
    KINDS as ATTACHMENT_KINDS,
)
from mediator_portal.forums.services.attachments import (
    AttachmentView,
    NewFiles,
    get_attachment,
    max_per_post,
    pending_views,
    post_attachments,
    purge_pending,
    store_pending,
)
from mediator_portal.forums.services.categories import (
    all_categories,
    create_category,
    get_category,
    move_category,
    set_archived,
    update_category,
    visible_categories,
)
from mediator_portal.forums.services.category_list import index_page
from mediator_portal.forums.services.cleaning import clean_body, clean_title
from mediator_portal.forums.services.diffing import version_changes
from mediator_portal.forums.services.drafts import (
    DraftRow,
    delete_draft,
    get_draft,
    my_drafts,
    save_draft,
)
from mediator_portal.forums.services.errors import (
    AttachmentError,
    AttachmentsRefused,
    AttachmentUnavailable,
    CategoryClosed,
    EmptyPost,
    EmptyReason,
    EmptyTitle,
    ForumError,
    NotAllowed,
    NotFound,
    PostTooLong,
    PostUnavailable,
    ReasonTooLong,
    TitleTooLong,
    TooManyAttachments,
    TopicLocked,
    UnknownReaction,
)
from mediator_portal.forums.services.lookup import (
    categories_by_id,
    posters_named,
    posts_by_id,
    topics_by_id,
)
from mediator_portal.forums.services.moderation import (
    REPORT_ACTIONS,
    handle_report,
    hide_post,
    hide_topic,
    move_topic,
    open_reports,
    open_reports_count,
    report_post,
    resolve_report,
    set_locked,
    set_pinned,
    unhide_post,
    unhide_topic,
)
from mediator_portal.forums.services.pages import (
    POSTS_PER_PAGE,
    category_page,
    get_post,
    get_topic,
    get_topic_for_reader,
    page_of,
    post_rows,
    topic_page,
)
from mediator_portal.forums.services.posting import (
    delete_post,
    edit_post,
    reply_to_topic,
    revisions,
    start_topic,
)
from mediator_portal.forums.services.reactions import toggle_reaction
from mediator_portal.forums.services.reading import (
    first_unread_number,
    last_read_number,
    mark_all_read,
    mark_category_read,
    mark_read,
)
from mediator_portal.forums.services.rendering import render_post
from mediator_portal.forums.services.rooms import reset_restricted_rooms
from mediator_portal.forums.services.topic_lists import (
    KINDS,
    NEW_COUNT,
    UNREAD_COUNT,
    count_columns,
    topic_list_page,
    topic_rows,
)
