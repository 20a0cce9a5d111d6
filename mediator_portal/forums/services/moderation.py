"""Moderation by trainers and admins: pin, lock, move, hide topics and posts; reports.

Every action is written to the audit log in the same transaction. Each function
raises NotAllowed when `actor` is not a moderator.
"""

from functools import lru_cache

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from mediator_portal import audit, realtime, signals
from mediator_portal.database import utcnow
from mediator_portal.forums.models import REASON_MAX, Category, Post, Report, Topic
from mediator_portal.forums.services import access, rooms
from mediator_portal.forums.services.cleaning import storable
from mediator_portal.forums.services.errors import (
    EmptyReason,
    NotAllowed,
    NotFound,
    PostUnavailable,
    ReasonTooLong,
)
from mediator_portal.forums.services.posting import publish_post_event, publish_topic_activity


def clean_reason(reason: str | None) -> str:
    """`reason` without outer spaces. Raises EmptyReason or ReasonTooLong."""
    text = storable(reason).strip()
    if not text:
        raise EmptyReason()
    if len(text) > REASON_MAX:
        raise ReasonTooLong()
    return text


def _require_moderator(actor) -> None:
    if not access.is_moderator(actor):
        raise NotAllowed()


def _record(session, actor, action, topic: Topic, **details) -> None:
    audit.record(
        session, actor=actor, action=action, target=topic, target_label=topic.title, details=details
    )


def set_pinned(session: Session, topic: Topic, *, actor, pinned: bool) -> None:
    """Pin `topic` to the top of its category, or unpin it. Raises NotAllowed."""
    _set_flag(session, topic, actor, "pinned", pinned, ("forum.topic.pin", "forum.topic.unpin"))


def set_locked(session: Session, topic: Topic, *, actor, locked: bool) -> None:
    """Lock `topic` (no more replies) or unlock it. Raises NotAllowed."""
    _set_flag(session, topic, actor, "locked", locked, ("forum.topic.lock", "forum.topic.unlock"))


def publish_topic_changed(session: Session, topic: Topic) -> None:
    """Queue "topic_changed" ({"topic_id"}) for the topic's room: its open pages fetch the
    topic's state (locked, hidden, category) and update the reply form. Sent after commit,
    and before a reset of the room (hiding, moving), so those in it still hear it."""
    data = {"topic_id": topic.id}
    realtime.publish("topic_changed", data, to=access.topic_room(topic.id), session=session)


def _set_flag(session, topic, actor, flag: str, value: bool, actions: tuple[str, str]) -> None:
    # A moderator's switch on a topic: audited and announced only when it changes.
    _require_moderator(actor)
    if getattr(topic, flag) != value:
        setattr(topic, flag, value)
        _record(session, actor, actions[0] if value else actions[1], topic)
        publish_topic_activity(session, topic)
        publish_topic_changed(session, topic)
    session.flush()


def move_topic(session: Session, topic: Topic, *, actor, category: Category) -> None:
    """Move `topic` to `category`, keeping both categories' counters right."""
    _require_moderator(actor)
    if not access.can_view_category(actor, category):
        raise NotFound()
    source = topic.category
    if source.id == category.id:
        return
    posts = topic.last_number
    topic.category = category
    session.flush()
    for item, sign in ((source, -1), (category, 1)):
        session.execute(
            update(Category)
            .where(Category.id == item.id)
            .values(
                topic_count=Category.topic_count + sign,
                post_count=Category.post_count + sign * posts,
                last_post_at=select(func.max(Topic.last_post_at))
                .where(Topic.category_id == item.id)
                .scalar_subquery(),
                last_topic_id=select(Topic.id)
                .where(Topic.category_id == item.id)
                .order_by(Topic.last_post_at.desc(), Topic.id.desc())
                .limit(1)
                .scalar_subquery(),
            ),
            execution_options={"synchronize_session": False},
        )
    session.expire(source)
    session.expire(category)
    _record(session, actor, "forum.topic.move", topic, source=source.id, destination=category.id)
    signals.send(
        signals.topic_moved,
        session=session,
        topic_id=topic.id,
        moderator_id=actor.id,
        from_category_id=source.id,
        to_category_id=category.id,
    )
    publish_topic_activity(session, topic)
    publish_topic_changed(session, topic)
    rooms.reset_topic_room(session, topic)  # the new category may be seen by fewer people


def hide_topic(session: Session, topic: Topic, *, actor, reason: str) -> None:
    """Hide `topic` from everyone but moderators. Raises EmptyReason/ReasonTooLong."""
    _require_moderator(actor)
    topic.hidden, topic.hidden_reason = True, clean_reason(reason)
    session.flush()
    _record(session, actor, "forum.topic.hide", topic, reason=topic.hidden_reason)
    signals.send(
        signals.topic_hidden,
        session=session,
        topic_id=topic.id,
        moderator_id=actor.id,
        reason=topic.hidden_reason,
    )
    publish_topic_changed(session, topic)
    rooms.reset_topic_room(session, topic)


def unhide_topic(session: Session, topic: Topic, *, actor) -> None:
    """Show a hidden topic again."""
    _require_moderator(actor)
    if topic.hidden:
        topic.hidden, topic.hidden_reason = False, None
        session.flush()
        _record(session, actor, "forum.topic.unhide", topic)
        publish_topic_activity(session, topic)
        publish_topic_changed(session, topic)


def hide_post(session: Session, post: Post, *, actor, reason: str) -> None:
    """Hide `post` from everyone but moderators, with a reason shown to moderators."""
    _require_moderator(actor)
    post.hidden, post.hidden_reason = True, clean_reason(reason)
    post.hidden_by_id = actor.id
    session.flush()
    signals.send(
        signals.post_hidden,
        session=session,
        post_id=post.id,
        moderator_id=actor.id,
        reason=post.hidden_reason,
    )
    audit.record(
        session,
        actor=actor,
        action="forum.post.hide",
        target=post,
        target_label=f"{post.topic.title} #{post.number}",
        details={"reason": post.hidden_reason},
    )
    publish_post_event(session, "post_hidden", post)


def unhide_post(session: Session, post: Post, *, actor) -> None:
    """Show a hidden post again."""
    _require_moderator(actor)
    if not post.hidden:
        return
    post.hidden, post.hidden_reason, post.hidden_by_id = False, None, None
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="forum.post.unhide",
        target=post,
        target_label=f"{post.topic.title} #{post.number}",
    )
    publish_post_event(session, "post_edited", post)


def report_post(session: Session, post: Post, *, reporter, reason: str) -> Report:
    """Tell the moderators about `post`. A second report by the same person updates the first.

    Raises NotFound (invisible post), PostUnavailable (deleted), EmptyReason, ReasonTooLong.
    """
    if not access.can_view_post(reporter, post):
        raise NotFound()
    if post.deleted:
        raise PostUnavailable()
    reason = clean_reason(reason)
    report = session.scalar(
        select(Report).where(
            Report.post_id == post.id,
            Report.reporter_id == reporter.id,
            Report.resolved_at.is_(None),
        )
    )
    if report is None:
        report = Report(post=post, reporter_id=reporter.id, reason=reason)
        session.add(report)
    else:
        report.reason = reason
    session.flush()
    return report


def open_reports(session: Session, moderator) -> list[Report]:
    """Unresolved reports on posts in categories `moderator` may see, oldest first,
    with their post, topic and people loaded."""
    visible = select(Topic.id).join(Category).where(access.visible_categories_clause(moderator))
    return list(
        session.scalars(
            select(Report)
            .join(Post, Report.post_id == Post.id)
            .where(Report.resolved_at.is_(None), Post.topic_id.in_(visible))
            .options(
                joinedload(Report.post).joinedload(Post.topic).joinedload(Topic.category),
                joinedload(Report.post).joinedload(Post.author),
                selectinload(Report.reporter),
            )
            .order_by(Report.created_at, Report.id)
        )
    )


REPORTS_COUNT = "forums_reports"


@lru_cache(maxsize=16)
def open_reports_count(role: str) -> dict:
    """The navigation's count provider for moderators: unresolved reports on posts in
    categories `role` may read (those `open_reports` lists), as a scalar subquery."""
    # Driven by the open reports (index on resolved_at), not by the board's topics.
    count = (
        select(func.count(Report.id))
        .join(Post, Report.post_id == Post.id)
        .join(Topic, Topic.id == Post.topic_id)
        .join(Category, Category.id == Topic.category_id)
        .where(Report.resolved_at.is_(None), access.visible_to_role_clause(role))
        .scalar_subquery()
    )
    return {REPORTS_COUNT: count}


def resolve_report(session: Session, report: Report, *, actor, resolution: str) -> None:
    """Close `report` with a note saying what was done. Raises NotFound when the moderator
    may not see the post, EmptyReason or ReasonTooLong."""
    _require_moderator(actor)
    if not access.can_view_topic(actor, report.post.topic):
        raise NotFound()
    report.resolution = clean_reason(resolution)
    report.resolved_at, report.resolved_by_id = utcnow(), actor.id
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="forum.report.resolve",
        target=report,
        target_label=f"{report.post.topic.title} #{report.post.number}",
        details={"resolution": report.resolution},
    )
    signals.send(
        signals.report_resolved,
        session=session,
        report_id=report.id,
        moderator_id=actor.id,
        reporter_id=report.reporter_id,
        topic_id=report.post.topic_id,
        resolution=report.resolution or "",
    )


REPORT_ACTIONS = ("hide", "resolve", "dismiss")


def handle_report(session: Session, report: Report, *, actor, action: str, note: str) -> None:
    """One step of the reports queue: "hide" hides the post with `note` as the reason and
    resolves the report; "resolve" and "dismiss" close it with `note`. Raises NotAllowed,
    NotFound, EmptyReason, ReasonTooLong (and ValueError for an unknown action)."""
    if action not in REPORT_ACTIONS:
        raise ValueError(action)
    _require_moderator(actor)
    if action == "hide" and not report.post.hidden:
        hide_post(session, report.post, actor=actor, reason=note)
    resolve_report(session, report, actor=actor, resolution=note)
