"""Rendered posts, kept for reuse by what their HTML depends on ("Russian doll" caching).

A topic page renders 20 posts with `forums/_post.html`; most of them are the same on every
view. The HTML of each post is kept in a per-process LRU (cachetools), bounded in bytes by
`POST_CACHE_BYTES` (0 turns it off), under a key of every value the partial reads: the
post's id, creation time and version (the ORM raises the version at every change of the
row: text, deletion, hiding), its author's name and role, the reaction counts, the viewer's own
reactions and permissions, the page flags, the locale, the time zone and the URL root.
Anything that changes is a new key, so nothing is invalidated by hand and a stale entry is
simply never asked for again.

The partial holds no CSRF token (its buttons submit the page's one `post-actions` form),
so a kept post carries nothing of one viewer's session to another. The topic page and the
live fragments (`forums/views/live.py`) both render posts here, so they show the same HTML.
"""

import sys
import threading

from cachetools import LRUCache
from flask import current_app, request
from flask_babel import get_locale, get_timezone, get_translations
from flask_login import current_user
from markupsafe import Markup

from mediator_portal import relative_time
from mediator_portal.forums.views.common import bp, reaction_choices

TEMPLATE = "forums/_post.html"


class PostCache:
    """A thread-safe LRU of rendered posts bounded by the memory of what it holds."""

    def __init__(self):
        self._lock = threading.Lock()
        self._entries = LRUCache(maxsize=1, getsizeof=sys.getsizeof)

    def get_many(self, keys: list[tuple], max_bytes: int) -> list[str | None]:
        """The kept HTML of each of `keys` (None when missing), under one lock."""
        with self._lock:
            if self._entries.maxsize != max_bytes:
                self._entries = LRUCache(maxsize=max_bytes, getsizeof=sys.getsizeof)
            return [self._entries.get(key) for key in keys]

    def put(self, key: tuple, html: str) -> None:
        """Keep `html` (a post larger than the whole budget is not kept)."""
        with self._lock:
            if sys.getsizeof(html) <= self._entries.maxsize:
                self._entries[key] = html

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    @property
    def currsize(self) -> int:
        """Bytes held now."""
        return self._entries.currsize


cache = PostCache()


def post_key(row, topic, *, moderator: bool, reply_allowed: bool, viewer_id, context, now) -> tuple:
    """Everything `forums/_post.html` shows for `row` (a PostRow), as a hashable tuple.

    The relative time ("3 minutes ago") is in it by its bucket, so a kept post is never
    shown with a time that has passed.
    """
    post = row.post
    author = post.author
    return (
        post.id,
        post.version,
        post.created_at,  # with the id, one row's life: ids of deleted rows can come back
        relative_time.bucket(post.created_at, now, context[0]),
        topic.id,
        author.name,
        author.role,
        tuple(
            sorted(
                (kind, count, tuple(row.names.get(kind, ()))) for kind, count in row.counts.items()
            )
        ),
        frozenset(row.mine),
        row.attachments,  # frozen views: a file added, removed or given its thumbnail
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
    max_bytes = current_app.config["POST_CACHE_BYTES"]
    context = (str(get_locale()), str(get_timezone()), request.script_root)
    now = relative_time.now()
    keys = [
        post_key(
            row,
            topic,
            moderator=moderator,
            reply_allowed=reply_allowed,
            viewer_id=current_user.id,
            context=context,
            now=now,
        )
        for row in rows
    ]
    found = cache.get_many(keys, max_bytes) if max_bytes else [None] * len(keys)
    template, context = None, None
    for index, html in enumerate(found):
        if html is None:
            if template is None:
                template = current_app.jinja_env.get_template(TEMPLATE)
                # What render_template gives a template (context processors), made once.
                context = {"topic": topic, "moderator": moderator, "reply_allowed": reply_allowed}
                current_app.update_template_context(context)
                context["reactions"] = reaction_choices(get_translations().ugettext)
            html = found[index] = template.render(row=rows[index], **context)
            if max_bytes:
                cache.put(keys[index], html)
    # The autoescaped output of our own template: safe as it is.
    return [Markup(html) for html in found]  # noqa: S704


@bp.app_template_global("rendered_posts")
def rendered_posts(rows, topic, moderator: bool, reply_allowed: bool) -> Markup:
    """All of `rows` rendered with `forums/_post.html`, one after the other."""
    posts = render_posts(rows, topic, moderator=moderator, reply_allowed=reply_allowed)
    return Markup("\n").join(posts)
