"""Rendered posts, cached by everything their HTML depends on ("Russian doll" caching).

A topic page renders 20 posts with `forums/_post.html`; most of them are the same on
every view. The HTML of each post is kept in a bounded in-process LRU under a key made
of every value the partial reads: the post's columns (body HTML included), its author's
name and role, the reaction counts, the viewer's own reactions and permissions, whether
the viewer wrote it, the page flags, the locale, the time zone and the URL root. A change
to any of them is a new key, so nothing is ever invalidated by hand and a stale entry
is simply never asked for again.

The per-session CSRF token is never cached: the partial writes `fragments.CSRF_SLOT`
(random per process, so no post body can contain it) and the slot is replaced by the
viewer's token after the lookup. The topic page and the live fragments (`forums/views/live.py`)
both render posts here, so they show the same HTML.
"""

from flask import current_app, request
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from markupsafe import Markup

from mediator_portal.forums.views.common import bp
from mediator_portal.fragments import LRUCache, with_token

MAX_ENTRIES = 4000
TEMPLATE = "forums/_post.html"

cache = LRUCache(MAX_ENTRIES)


def post_key(row, topic, *, moderator: bool, reply_allowed: bool, viewer_id, context) -> tuple:
    """Everything `forums/_post.html` shows for `row` (a PostRow), as a hashable tuple."""
    post = row.post
    author = post.author
    return (
        post.id,
        post.number,
        post.topic_id,
        topic.id,
        post.author_id,
        author.name,
        author.role,
        post.created_at,
        post.edited_at,
        post.deleted_at,
        post.hidden,
        post.hidden_reason,
        post.body_html,
        tuple(sorted(row.counts.items())),
        frozenset(row.mine),
        row.can_edit,
        row.can_delete,
        row.is_new,
        post.author_id == viewer_id,
        moderator,
        reply_allowed,
        context,
    )


def render_posts(rows, topic, *, moderator: bool, reply_allowed: bool) -> list[Markup]:
    """The HTML of each of `rows` for the current viewer, from the cache when it can."""
    fragments = _cached_fragments(rows, topic, moderator, reply_allowed)
    # The autoescaped output of our own template, and an escaped token: safe as they are.
    return [Markup(with_token(fragment)) for fragment in fragments]  # noqa: S704


def _cached_fragments(rows, topic, moderator: bool, reply_allowed: bool) -> list[str]:
    """The cached HTML of `rows`, CSRF slot still in place (rendering the missing ones)."""
    context = (str(get_locale()), str(get_timezone()), request.script_root)
    viewer_id = current_user.id
    keys = [
        post_key(
            row,
            topic,
            moderator=moderator,
            reply_allowed=reply_allowed,
            viewer_id=viewer_id,
            context=context,
        )
        for row in rows
    ]
    out = cache.get_many(keys)
    template = None
    for index, html in enumerate(out):
        if html is None:
            if template is None:
                template = current_app.jinja_env.get_template(TEMPLATE)
            html = out[index] = template.render(
                row=rows[index], topic=topic, moderator=moderator, reply_allowed=reply_allowed
            )
            cache.put(keys[index], html)
    return out


@bp.app_template_global("rendered_posts")
def rendered_posts(rows, topic, moderator: bool, reply_allowed: bool) -> Markup:
    """All of `rows` rendered with `forums/_post.html`, one after the other."""
    joined = "\n".join(_cached_fragments(rows, topic, moderator, reply_allowed))
    # The autoescaped output of our own template, and an escaped token: safe as it is.
    return Markup(with_token(joined))  # noqa: S704
