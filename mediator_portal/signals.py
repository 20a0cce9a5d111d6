"""Signals between features: what happened, told after the transaction that did it commits.

A feature never imports another feature's internals to react to it. The feature where
something happens sends a signal (`send(role_changed, user_id=…)`) inside the service
that does it; the signal goes out only when the transaction commits (see
`after_commit.py`), and not at all if it rolls back. Features that care connect a
receiver in their `receivers.py` (`@signals.role_changed.connect`). Payloads are ids
and plain values, never ORM objects: a receiver loads what it needs. A receiver may use
the database and commits its own work; one that fails is logged and does not undo the
work that sent the signal.

Every signal is declared here, with the keyword arguments it carries, so that any
feature can listen to any other (as Indico's `core.signals` does).
"""

from functools import partial

from blinker import Namespace, Signal
from sqlalchemy.orm import Session

from mediator_portal.after_commit import on_commit

_signals = Namespace()

# Accounts.
role_changed = _signals.signal(
    "role-changed", doc="An account's role changed. Keywords: user_id, old_role, new_role."
)
user_deactivated = _signals.signal(
    "user-deactivated", doc="An account was deactivated and signed out. Keywords: user_id."
)

# Message board.
topic_created = _signals.signal(
    "topic-created",
    doc=(
        "A topic was started. Keywords: topic_id, post_id, author_id, announce (an "
        "administrator's announcement to everyone who can read the category)."
    ),
)
post_created = _signals.signal(
    "post-created", doc="A reply was posted. Keywords: post_id, topic_id, author_id."
)
post_edited = _signals.signal(
    "post-edited", doc="A post's text changed. Keywords: post_id, topic_id, editor_id."
)
reaction_added = _signals.signal(
    "reaction-added", doc="Someone reacted to a post. Keywords: post_id, user_id, kind."
)
post_hidden = _signals.signal(
    "post-hidden", doc="A moderator hid a post. Keywords: post_id, moderator_id, reason."
)
topic_hidden = _signals.signal(
    "topic-hidden", doc="A moderator hid a topic. Keywords: topic_id, moderator_id, reason."
)
topic_moved = _signals.signal(
    "topic-moved",
    doc="A moderator moved a topic. Keywords: topic_id, moderator_id, from_category_id, "
    "to_category_id.",
)
report_resolved = _signals.signal(
    "report-resolved",
    doc="A moderator resolved a report. Keywords: report_id, moderator_id, reporter_id, "
    "topic_id (of the reported post), resolution.",
)

# Notifications.
notifications_created = _signals.signal(
    "notifications-created",
    doc="Notifications were stored (or a grouped one renewed). Keywords: notification_ids, "
    "recipient_ids, kind. The seam for e-mail: a job reads them through "
    "`notifications.services.immediate_email` once they are committed.",
)

# Files (mediator_portal/storage_jobs.py).
file_text_extracted = _signals.signal(
    "file-text-extracted",
    doc="A stored file's text was extracted into StoredFile.extracted_text (which may be "
    "None when the file held no readable text). Sender: the stored file's id; keyword: "
    "stored_file_id (the same id).",
)


def send(signal: Signal, *, session: Session | None = None, **payload) -> None:
    """Send `signal` with `payload` (ids and plain values) once the current transaction
    of `session` (default `db.session`) commits."""
    on_commit(partial(signal.send, None, **payload), session=session)
