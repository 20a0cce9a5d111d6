"""Whole pages, kept per viewer until a table they were read from changes.

`@cached(tables=..., viewer_state=...)` wraps a GET view that renders an HTML page:

1. One query reads the token of each of `tables` (see `revisions.py`: a new token at
   every committed write) and, with `viewer_state`, the viewer's own values the page
   shows (a read position, a draft). Those are in the key by value, so that one person
   reading a topic does not drop everyone else's pages.
2. The key is those values and everything else the HTML depends on: the endpoint, path
   and query string, script root, locale, time zone, and the viewer's id and role.
3. A page kept under the key is sent with this request's CSRF token put in. Otherwise
   the view renders it, and it is kept when the view answered a plain page (a string,
   status 200) and the request wrote nothing (a page rendered around a write shows the
   state before it).

Requests carrying flash messages are neither looked up nor kept. The tokens are read
before the page's rows, so a page is never older than the tokens it is kept under.
Each process keeps its own pages (`PAGE_CACHE_BYTES`; 0 turns caching off); the tokens
in the database keep several processes right.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, request, session
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from sqlalchemy import select

from mediator_portal import revisions
from mediator_portal.extensions import db
from mediator_portal.fragments import LRUCache, with_slot, with_token

MAX_PAGES = 20_000  # entries; memory is bounded by PAGE_CACHE_BYTES

pages = LRUCache(MAX_PAGES)


@dataclass(frozen=True)
class ViewerState:
    """What of the viewer's own rows a page shows, as columns for the key query.

    `columns` are labelled scalar subqueries that may use the bind parameters
    `:viewer_id` and the view's URL arguments (`:topic_id`…); `tables` are the tables
    they read (for the test that every table a page reads is accounted for).
    """

    columns: tuple
    tables: tuple = field(default=())


@dataclass
class Stats:
    """How many pages were served from the cache (the tests read it; approximate when
    threads race on it)."""

    hits: int = 0


stats = Stats()


def cached(*, tables: tuple, viewer_state: ViewerState | None = None) -> Callable:
    """Decorator for a GET view of signed-in people that returns a page (see the module)."""
    columns = [*revisions.token_columns(tables), *(viewer_state.columns if viewer_state else ())]
    statement = select(*columns)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(**view_args):
            key = _key(statement, len(tables), view_args)
            if key is None:
                return view(**view_args)
            html = pages.get(key)
            if html is not None:
                stats.hits += 1
                return with_token(html)
            writes = revisions.writes_in_request()
            result = view(**view_args)
            if isinstance(result, str) and revisions.writes_in_request() == writes:
                pages.put(key, with_slot(result))
            return result

        wrapper.page_tables = tuple(tables) + (viewer_state.tables if viewer_state else ())
        return wrapper

    return decorator


def _key(statement, token_count: int, view_args: dict) -> tuple | None:
    """The key of this request's page (one query), or None when it is not to be kept."""
    budget = current_app.config["PAGE_CACHE_BYTES"]
    if not budget or "_flashes" in session:
        return None
    pages.max_bytes = budget  # the app's setting, read per request (tests change it)
    viewer = current_user._get_current_object()
    values = tuple(db.session.execute(statement, {"viewer_id": viewer.id, **view_args}).one())
    if None in values[:token_count]:  # a table with no token yet: nothing to key on
        return None
    return (
        request.endpoint,
        request.full_path,
        request.script_root,
        str(get_locale()),
        str(get_timezone()),
        viewer.id,
        viewer.role,
        values,
    )
