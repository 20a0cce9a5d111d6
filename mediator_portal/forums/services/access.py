"""Who may see and do what on the message board, and the Socket.IO room names.

These predicates are the one place for object rules: views, templates and the
live layer (room joins) all use them. They run no queries when the objects'
`category`/`topic` relationships are already loaded.
"""

from sqlalchemy import ColumnElement, and_, exists, literal, or_

from mediator_portal.forums.models import Category, Post, Topic
from mediator_portal.permissions import Permission, Role, role_has, user_can


def topic_room(topic_id: int) -> str:
    """The Socket.IO room of the people reading one topic."""
    return f"topic:{topic_id}"


def category_room(category_id: int) -> str:
    """The Socket.IO room of the people watching one category (and the index page)."""
    return f"category:{category_id}"


def is_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "active", False))


def is_moderator(user) -> bool:
    """True for trainers and admins (Permission.FORUM_MODERATE)."""
    return is_member(user) and user_can(user, Permission.FORUM_MODERATE)


def role_moderates(role: str) -> bool:
    """True when a person of `role` moderates the board (Permission.FORUM_MODERATE)."""
    return role_has(role, Permission.FORUM_MODERATE)


def can_view_category(user, category: Category) -> bool:
    """Everyone signed in, or only the chosen roles when the category is restricted."""
    if not is_member(user):
        return False
    roles = category.visible_roles
    return not roles or user.role in roles


def visible_categories_clause(user) -> ColumnElement[bool]:
    """SQL condition matching the categories `user` may see (same rule as can_view_category)."""
    return visible_to_role_clause(user.role)


def visible_to_role_clause(role) -> ColumnElement[bool]:
    """SQL condition matching the categories a person of `role` may see."""
    wrapped = literal(",") + Category.visible_to + literal(",")
    return or_(Category.visible_to == "", wrapped.like(f"%,{role},%"))


# -- the same rules in SQL, for a role given as a SQL expression (a column, or a bound value):
# the notification badge counts only what its person may still read, in one statement.


def _sees_role_sql(role: ColumnElement[str]) -> ColumnElement[bool]:
    wrapped = literal(",") + Category.visible_to + literal(",")
    return or_(Category.visible_to == "", wrapped.like(literal("%,") + role + literal(",%")))


def _moderates_sql(role: ColumnElement[str]) -> ColumnElement[bool]:
    moderating = [r.value for r in Role if role_moderates(r.value)]
    return role.in_(moderating)


def category_readable_sql(category_id, role: ColumnElement[str]) -> ColumnElement[bool]:
    """SQL: the category `category_id` (a column) exists and `role` may see it
    (can_view_category)."""
    return exists().where(Category.id == category_id, _sees_role_sql(role))


def topic_readable_sql(topic_id, role: ColumnElement[str]) -> ColumnElement[bool]:
    """SQL: the topic `topic_id` (a column) exists and `role` may read it (can_view_topic)."""
    return exists().where(
        Topic.id == topic_id,
        Category.id == Topic.category_id,
        _sees_role_sql(role),
        or_(Topic.hidden.is_(False), _moderates_sql(role)),
    )


def post_readable_sql(post_id, role: ColumnElement[str]) -> ColumnElement[bool]:
    """SQL: the post `post_id` (a column) exists, is not deleted and `role` may read it
    (can_view_post)."""
    return exists().where(
        Post.id == post_id,
        Post.deleted_at.is_(None),
        Topic.id == Post.topic_id,
        Category.id == Topic.category_id,
        _sees_role_sql(role),
        or_(and_(Topic.hidden.is_(False), Post.hidden.is_(False)), _moderates_sql(role)),
    )


def can_start_topic(user, category: Category) -> bool:
    """Visible, not archived, and the person's role may start topics there."""
    if not can_view_category(user, category) or category.archived:
        return False
    roles = category.starter_roles
    return not roles or user.role in roles


def can_view_topic(user, topic: Topic) -> bool:
    """The category is visible and the topic is not hidden (moderators see hidden topics)."""
    if not can_view_category(user, topic.category):
        return False
    return not topic.hidden or is_moderator(user)


def can_reply(user, topic: Topic) -> bool:
    """Visible, the category is open, and the topic is not locked (moderators may still reply)."""
    if not can_view_topic(user, topic) or topic.category.archived:
        return False
    return not topic.locked or is_moderator(user)


def can_view_post(user, post: Post) -> bool:
    """The topic is visible and the post is not hidden (moderators see hidden posts)."""
    return can_view_topic(user, post.topic) and (not post.hidden or is_moderator(user))


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own live posts, unless the topic is locked or the category archived."""
    if not is_member(user) or post.author_id != user.id or post.deleted or post.hidden:
        return False
    return can_reply(user, post.topic)


def can_delete_post(user, post: Post) -> bool:
    """Authors delete (softly) their own posts while they can still see them."""
    return (
        is_member(user)
        and post.author_id == user.id
        and not post.deleted
        and can_view_post(user, post)
    )
