"""`flask demo-data` on the board: the categories and topics, a long topic of 64 posts and an
open report for the moderators' queue (what `make screenshots` shows); idempotent."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.forums import demo
from mediator_portal.forums.models import Category, Post, Report, Topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def _board(app) -> tuple[int, int, list[int], int]:
    with app.app_context():
        count = db.session.scalar
        posts_per_topic = db.session.scalars(
            select(func.count(Post.id)).group_by(Post.topic_id).order_by(Post.topic_id)
        ).all()
        return (
            count(select(func.count(Category.id))),
            count(select(func.count(Topic.id))),
            posts_per_topic,
            count(select(func.count(Report.id)).where(Report.resolved_at.is_(None))),
        )


def test_the_demo_board_has_a_long_topic_and_an_open_report(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    categories, topics, posts, open_reports = _board(app)
    assert categories == len(demo.CATEGORIES)
    assert topics == sum(map(len, demo.TOPICS.values())) + 1
    assert max(posts) == demo.LONG_TOPIC_REPLIES + 1 >= 60
    assert open_reports == 1
    with app.app_context():
        long_topic = db.session.scalar(select(Topic).where(Topic.title == demo.LONG_TOPIC[2]))
        assert long_topic.last_number == demo.LONG_TOPIC_REPLIES + 1
        reported = db.session.execute(
            select(Post.topic_id, Post.number).join(Report, Report.post_id == Post.id)
        ).one()
        assert tuple(reported) == (long_topic.id, demo.DEMO_REPORT[1] + 2)  # replies from 2

    again = runner.invoke(args=["demo-data"])
    assert again.exit_code == 0, again.output
    assert _board(app) == (categories, topics, posts, open_reports)
