"""What every post on a page shares, made once per request: action links, labels.

A topic page shows 20 posts with the same buttons. Building each button's URL and
translating each label once per page, not once per post, keeps the page fast; the
topic page and the live fragments (`forums/_post.html`) both use it.
"""

from flask import g, url_for
from flask_login import current_user

from mediator_portal.forums.views.common import bp, forum_reactions
from mediator_portal.fragments import CSRF_SLOT
from mediator_portal.i18n import gettext as _
from mediator_portal.permissions import Role, role_label

SENTINEL = "2147000001"  # an id no post has; replaced by the real one in `url`
ACTIONS = (
    "react",
    "edit_post",
    "delete_post",
    "report_post",
    "hide_post",
    "unhide_post",
    "post_history",
)


class PostChrome:
    """Links and labels of the post partial, for the current viewer.

    `csrf` is a slot, not the token: `post_cache` fills it in after the cache lookup.
    """

    def __init__(self):
        self._patterns = {a: url_for(f"forums.{a}", post_id=int(SENTINEL)) for a in ACTIONS}
        self.csrf = CSRF_SLOT
        self.viewer_id = current_user.id
        self.reactions = forum_reactions()
        self.roles = {role.value: role_label(role) for role in Role}
        self.labels = {
            "new": _("New"),
            "deleted": _("This post was deleted by its author."),
            "hidden": _("This post was hidden by a moderator."),
            "reactions": _("Reactions"),
            "quote": _("Quote"),
            "edit": _("Edit"),
            "delete": _("Delete"),
            "report": _("Report"),
            "show_again": _("Show again"),
            "hide": _("Hide"),
        }

    def url(self, action: str, post_id: int) -> str:
        """The URL of `action` ("edit_post", "react"…) for post `post_id`."""
        return self._patterns[action].replace(SENTINEL, str(post_id))


@bp.app_template_global("post_chrome")
def post_chrome() -> PostChrome:
    """The request's PostChrome, made on first use."""
    chrome = g.get("_post_chrome")
    if chrome is None:
        chrome = g._post_chrome = PostChrome()
    return chrome
