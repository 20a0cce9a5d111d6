"""Moderation: trainers and admins pin, lock, move, hide; every action is audited; reports."""

import re

import pytest
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.forums.models import Category, Post, Report, Topic
from tests.factories import make_user
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

MODERATORS = ("trainer", "admin")
MEMBERS = ("mediator", "supervisor")


@pytest.fixture
def board(seed):
    def create():
        category = make_category()
        other = make_category(name_en="Other place")
        topic = make_topic(category, title="Moderated topic")
        post = make_post(topic, body="Reply to moderate")
        return {"category": category.id, "other": other.id, "topic": topic.id, "post": post.id}

    return seed(create)


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.mark.parametrize("role", MEMBERS)
def test_members_cannot_moderate(member, board, role):
    browser = member(role)
    topic, post = board["topic"], board["post"]
    assert "Hide the topic" not in browser.get(f"/forums/t/{topic}").text
    for url in (
        f"/forums/t/{topic}/pin",
        f"/forums/t/{topic}/lock",
        f"/forums/t/{topic}/unhide",
        f"/forums/p/{post}/unhide",
    ):
        assert browser.post(url, data={"value": "1"}).status_code == 403, url
    for url in (
        f"/forums/t/{topic}/move",
        f"/forums/t/{topic}/hide",
        f"/forums/p/{post}/hide",
        "/forums/reports",
    ):
        assert browser.get(url).status_code == 403, url


@pytest.mark.parametrize("role", MODERATORS)
def test_pin_lock_and_move_are_audited(member, board, app, role):
    browser = member(role)
    topic = board["topic"]
    assert browser.post(f"/forums/t/{topic}/pin", data={"value": "1"}).status_code == 302
    assert browser.post(f"/forums/t/{topic}/lock", data={"value": "1"}).status_code == 302
    assert browser.post(f"/forums/t/{topic}/lock", data={"value": "0"}).status_code == 302
    assert browser.get(f"/forums/t/{topic}/move").status_code == 200
    assert (
        browser.post(f"/forums/t/{topic}/move", data={"category": board["other"]}).status_code
        == 302
    )
    assert browser.post(f"/forums/t/{topic}/move", data={"category": 999999}).status_code == 422
    with app.app_context():
        row = db.session.get(Topic, topic)
        assert (row.pinned, row.locked, row.category_id) == (True, False, board["other"])
        source, destination = (
            db.session.get(Category, board["category"]),
            db.session.get(Category, board["other"]),
        )
        assert (source.topic_count, source.post_count) == (0, 0)
        assert (destination.topic_count, destination.post_count) == (1, 2)
        assert (source.last_topic_id, destination.last_topic_id) == (None, topic)
    assert actions(app) == [
        "forum.topic.pin",
        "forum.topic.lock",
        "forum.topic.unlock",
        "forum.topic.move",
    ]


@pytest.mark.parametrize("role", MODERATORS)
def test_hidden_posts_and_topics_are_for_moderators_only(member, board, app, role):
    moderator, reader = member(role), member("mediator")
    topic, post = board["topic"], board["post"]
    empty = moderator.post(f"/forums/p/{post}/hide", data={"reason": "  "})
    assert empty.status_code == 422 and "Please give a reason." in empty.text
    assert (
        moderator.post(f"/forums/p/{post}/hide", data={"reason": "Personal data"}).status_code
        == 302
    )
    page = reader.get(f"/forums/t/{topic}").text
    assert "Reply to moderate" not in page and "This post was hidden by a moderator." in page
    assert reader.get(f"/forums/p/{post}").status_code == 404
    assert reader.post(f"/forums/p/{post}/react", data={"kind": "like"}).status_code == 404
    mod_page = moderator.get(f"/forums/t/{topic}").text
    assert "Reply to moderate" in mod_page and "Personal data" in mod_page
    assert (
        moderator.post(f"/forums/t/{topic}/hide", data={"reason": "Off topic"}).status_code == 302
    )
    assert reader.get(f"/forums/t/{topic}").status_code == 404
    assert "Moderated topic" not in reader.get(f"/forums/c/{board['category']}").text
    assert "Moderated topic" in moderator.get(f"/forums/c/{board['category']}").text
    assert moderator.post(f"/forums/t/{topic}/unhide").status_code == 302
    assert moderator.post(f"/forums/p/{post}/unhide").status_code == 302
    assert "Reply to moderate" in reader.get(f"/forums/t/{topic}").text
    assert actions(app) == [
        "forum.post.hide",
        "forum.topic.hide",
        "forum.topic.unhide",
        "forum.post.unhide",
    ]
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "forum.post.hide"))
        assert entry.details == {"reason": "Personal data"}
        assert entry.target_type == "post" and entry.target_id == post


def test_report_queue_and_resolution(member, board, app):
    reporter, trainer = member("mediator"), member("trainer")
    post = board["post"]
    assert reporter.get(f"/forums/p/{post}/report").status_code == 200
    empty = reporter.post(f"/forums/p/{post}/report", data={"reason": ""})
    assert empty.status_code == 422
    assert (
        reporter.post(f"/forums/p/{post}/report", data={"reason": "Names a client"}).status_code
        == 302
    )
    assert (
        reporter.post(f"/forums/p/{post}/report", data={"reason": "Also a phone"}).status_code
        == 302
    )
    queue = trainer.get("/forums/reports").text
    assert "Also a phone" in queue and "Names a client" not in queue
    with app.app_context():
        report_id = db.session.scalar(select(Report.id))
        assert db.session.query(Report).count() == 1
    no_note = trainer.post(f"/forums/reports/{report_id}/resolve", data={"reason": ""})
    assert no_note.status_code == 422 and 'class="govgr-error-message"' in no_note.text
    assert (
        trainer.post(f"/forums/reports/{report_id}/resolve", data={"reason": "Hidden"}).status_code
        == 302
    )
    assert "No open reports." in trainer.get("/forums/reports").text
    assert trainer.post("/forums/reports/999999/resolve", data={"reason": "x"}).status_code == 404
    with app.app_context():
        report = db.session.get(Report, report_id)
        assert report.resolved_at is not None and report.resolution == "Hidden"
    assert actions(app) == ["forum.report.resolve"]


def test_reports_on_restricted_categories_stay_out_of_other_moderators_queues(member, seed):
    def create():
        supervisors_only = make_category(visible_to="supervisor")
        topic = make_topic(supervisors_only, author=make_user("supervisor"))
        post = db.session.get(Post, topic.last_post_id)
        db.session.add(Report(post=post, reporter_id=topic.author_id, reason="secret reason"))
        return db.session.scalar(select(Report.id))

    report_id = seed(create)
    trainer = member("trainer")
    assert "secret reason" not in trainer.get("/forums/reports").text
    assert (
        trainer.post(f"/forums/reports/{report_id}/resolve", data={"reason": "x"}).status_code
        == 404
    )


def test_admins_manage_categories(member, app):
    admin = member("admin")
    assert admin.get("/forums/admin/categories").status_code == 200
    data = {
        "name_el": "Ανακοινώσεις",
        "name_en": "Announcements",
        "description_el": "Νέα",
        "description_en": "News",
        "can_start_topics": ["trainer", "admin"],
        "sensitive": "y",
    }
    assert admin.post("/forums/admin/categories/new", data=data).status_code == 302
    assert (
        admin.post(
            "/forums/admin/categories/new",
            data={**data, "name_el": "Δεύτερη", "can_start_topics": []},
        ).status_code
        == 302
    )
    bad = admin.post(
        "/forums/admin/categories/new", data={**data, "name_el": "", "visible_to": ["pirate"]}
    )
    assert bad.status_code == 422
    with app.app_context():
        first, second = db.session.scalars(select(Category).order_by(Category.position)).all()
        assert (first.can_start_topics, first.sensitive, first.visible_to) == (
            "trainer,admin",
            True,
            "",
        )
        ids = first.id, second.id
    edit = admin.get(f"/forums/admin/categories/{ids[0]}/edit")
    assert edit.status_code == 200
    assert re.search(r'<input checked[^>]*value="trainer"', edit.text)
    assert (
        admin.post(
            f"/forums/admin/categories/{ids[0]}/edit",
            data={**data, "visible_to": ["trainer", "admin"]},
        ).status_code
        == 302
    )
    assert admin.post(f"/forums/admin/categories/{ids[1]}/up").status_code == 302
    assert (
        admin.post(f"/forums/admin/categories/{ids[1]}/archive", data={"value": "1"}).status_code
        == 302
    )
    assert (
        admin.post("/forums/admin/categories/999999/archive", data={"value": "1"}).status_code
        == 404
    )
    with app.app_context():
        first, second = db.session.get(Category, ids[0]), db.session.get(Category, ids[1])
        assert first.visible_to == "trainer,admin"
        assert second.position < first.position and second.archived
    assert actions(app) == [
        "forum.category.create",
        "forum.category.create",
        "forum.category.update",
        "forum.category.move",
        "forum.category.archive",
    ]


@pytest.mark.parametrize("role", ("mediator", "supervisor", "trainer"))
def test_only_admins_manage_categories(member, role):
    browser = member(role)
    assert browser.get("/forums/admin/categories").status_code == 403
    assert (
        browser.post(
            "/forums/admin/categories/new", data={"name_el": "x", "name_en": "x"}
        ).status_code
        == 403
    )
