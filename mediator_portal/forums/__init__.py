"""Message board: categories, topics, posts, reactions, moderation, unread tracking, drafts.

Other features use `mediator_portal.forums.services` and the board's signals
(`mediator_portal.signals`), nothing else of this package.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from mediator_portal.features import Demo, Feature, NavEntry
from mediator_portal.forums import (  # noqa: F401 - handlers and jobs register
    demo,
    events,
    jobs,
    receivers,
    services,
)
from mediator_portal.forums.panels import PANELS
from mediator_portal.forums.views import bp
from mediator_portal.i18n import N_
from mediator_portal.permissions import Permission

AUDIT_ACTIONS = {
    "forum.category.create": _l("Created a forum category"),
    "forum.category.update": _l("Edited a forum category"),
    "forum.category.move": _l("Reordered a forum category"),
    "forum.category.archive": _l("Archived a forum category"),
    "forum.category.unarchive": _l("Reopened a forum category"),
    "forum.topic.pin": _l("Pinned a topic"),
    "forum.topic.unpin": _l("Unpinned a topic"),
    "forum.topic.lock": _l("Locked a topic"),
    "forum.topic.unlock": _l("Unlocked a topic"),
    "forum.topic.move": _l("Moved a topic"),
    "forum.topic.hide": _l("Hid a topic"),
    "forum.topic.unhide": _l("Showed a hidden topic"),
    "forum.post.hide": _l("Hid a post"),
    "forum.post.unhide": _l("Showed a hidden post"),
    "forum.report.resolve": _l("Resolved a report"),
}

feature = Feature(
    name="forums",
    blueprint=bp,
    audit_actions=AUDIT_ACTIONS,
    nav=(
        NavEntry(
            "forums.index",
            N_("Message board"),
            section="forums",
            order=20,
            count=services.count_columns,
            count_text=lambda n: ngettext("%(num)s unread topic", "%(num)s unread topics", n),
        ),
        NavEntry(
            "forums.reports",
            N_("Reports"),
            Permission.FORUM_MODERATE,
            order=21,
            count=services.open_reports_count,
            count_text=lambda n: ngettext("%(num)s open report", "%(num)s open reports", n),
        ),
    ),
    home_panels=PANELS,
    demo=Demo(load=demo.load, present=demo.present),
)

__all__ = ["bp", "feature"]
