"""JSON fragments for the live layer: posts rendered for the viewer with the page's partial.

Socket.IO events only say which post changed; the browser then asks here, and gets
the HTML of `forums/_post.html` rendered with its own permissions (hidden posts stay
placeholders for members, an invisible topic is a 404), exactly as the page shows it.
"""

from flask import jsonify, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.arguments import BadArgument, query_int
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.services import post_display
from mediator_portal.forums.views.common import bp, load_topic, record_reading
from mediator_portal.forums.views.post_cache import render_posts
from mediator_portal.permissions import members

MAX_POSTS = 100  # one catch-up answer; a client that missed more reloads the page


@bp.route("/t/<int:topic_id>/posts")
@members
@json_view
def live_posts(topic_id: int):
    """`?after=N` (posts after N) or `?number=N` (one post) as {posts: [{id, number, html}]}.

    With `mark=1` the returned posts count as read (the viewer has them on screen).
    """
    topic = load_topic(topic_id)
    after = query_int("after", minimum=0)
    number = query_int("number", minimum=1)
    if number is not None and after is None:
        posts = post_display.posts_after(db.session, topic, after=number - 1, limit=1)
        posts = [post for post in posts if post.number == number]
    elif after is not None and number is None:
        posts = post_display.posts_after(db.session, topic, after=after, limit=MAX_POSTS)
    else:
        raise BadArgument()
    rows = services.post_rows(db.session, current_user, posts)
    html = render_posts(
        rows,
        topic,
        moderator=services.is_moderator(current_user),
        reply_allowed=services.can_reply(current_user, topic),
    )
    items = [
        {"id": row.post.id, "number": row.post.number, "html": str(fragment)}
        for row, fragment in zip(rows, html, strict=True)
    ]
    answer = jsonify(topic_id=topic.id, last_number=topic.last_number, posts=items)
    if posts and request.args.get("mark") == "1":
        record_reading(topic, posts[-1].number)  # commits: read the topic before
    return answer


@bp.route("/t/<int:topic_id>/state")
@members
@json_view
def topic_state(topic_id: int):
    """What an open topic page needs after a moderator's change (`topic_changed`): whether
    the viewer may still reply and why not, and where the topic is now. 404 once hidden
    from the viewer."""
    topic = load_topic(topic_id)
    category = topic.category
    allowed = services.can_reply(current_user, topic)
    if allowed:
        reason = ""
    elif category.archived:
        reason = _("This category is archived: it takes no new topics or replies.")
    else:
        reason = _("This topic is locked: it takes no new replies.")
    return jsonify(
        topic_id=topic.id,
        locked=topic.locked,
        hidden=topic.hidden,
        hidden_reason=topic.hidden_reason if topic.hidden else None,
        reply_allowed=allowed,
        reason=reason,
        category={
            "id": category.id,
            "name": category.label(str(get_locale())),
            "url": url_for("forums.category", category_id=category.id),
        },
    )
