"""Immediate notification e-mail through the real queue and the local SMTP server: a reply to
my topic arrives (in my language, text + HTML, absolute links, one-click unsubscribe
headers); the request only queues it; Discourse's 10-minute rule; access lost after the
notification was made; exactly once with two workers and on a retry after a failure."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from mediator_portal import jobs
from mediator_portal.accounts import services as accounts
from mediator_portal.accounts.models import LoginSession
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.forums.models import Category, Topic
from mediator_portal.notifications import jobs as email_jobs
from mediator_portal.sent_once import SentMessage
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic
from tests.jobs_support import InProcessWorker, wait_for
from tests.notifications.helpers import (
    ATTEMPTS,
    crash_after_sending,
    mail_server_down_once,
    parts_of,
    rows_of,
)

pytestmark = pytest.mark.database

BODY = "See you on Thursday at ten in the community centre"


def drained(workers: int = 2) -> None:
    """Run a consumer until the queue is empty, then stop it."""
    running = InProcessWorker(workers).start()
    try:
        running.drain()
    finally:
        running.stop()


def sent_keys() -> list[str]:
    return list(db.session.scalars(select(SentMessage.key).order_by(SentMessage.key)))


def test_a_reply_to_my_topic_is_queued_by_the_request_and_arrives_by_email(
    app, user_of, logged_in, seed, mailbox, public_url
):
    author = user_of("mediator", locale="en", email="author@example.org")
    replier = logged_in("mediator", name="Νίκος Παππάς")
    topic_id = seed(lambda: make_topic(author=account(author), title="Weekly meeting").id)

    response = replier.post(f"/forums/t/{topic_id}/reply", data={"body": BODY})
    assert response.status_code == 302
    assert jobs.queue.pending_count() == 1  # the request only queued it
    assert list(mailbox) == []

    drained()
    [message] = mailbox
    assert message["To"] == "author@example.org"
    assert message["Subject"] == "Replies to my topics: Weekly meeting"
    text, html = parts_of(message).values()
    with app.app_context():
        [row] = rows_of(author)
        post_link = f"{public_url}/forums/p/{row.target_id}"
        assert sent_keys() == [f"notification:{row.id}"]
    for body in (text, html):
        assert BODY in body  # an excerpt: not a sensitive category
        assert post_link in body
        assert "Νίκος Παππάς" in body
        assert f"{public_url}/notifications/preferences" in body
        assert "Open it on the portal" in body  # the person's language: English
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{public_url}/notifications/unsubscribe/")
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>") in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_email_is_in_the_recipients_language(app, user_of, seed, mailbox, public_url):
    author = user_of("mediator", locale="el")

    def reply():
        topic = make_topic(author=account(author), title="Συνάντηση")
        make_post(topic, body=BODY)

    seed(reply)
    drained()
    [message] = mailbox
    assert message["Subject"] == "Απαντήσεις στα θέματά μου: Συνάντηση"
    for body in parts_of(message).values():
        assert "Ανοίξτε το στην πύλη" in body
        assert "Open it on the portal" not in body


def test_the_email_waits_notification_email_delay_in_the_queue(app, user_of, seed, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFICATION_EMAIL_DELAY", 30)
    author = user_of("mediator")
    seed(lambda: make_post(make_topic(author=account(author)), body=BODY))
    [task] = jobs.queue.pending()  # the worker keeps it until its time (Huey's eta)
    assert task.name.endswith("send_notification_email")
    wait = task.eta - datetime.now(UTC).replace(tzinfo=None)
    assert timedelta(seconds=25) < wait <= timedelta(seconds=30)


def test_no_email_for_what_the_person_did_not_ask_for_now(app, user_of, seed, mailbox):
    """Watched posts go to the digest by default; a reply set to "never" is not sent."""
    author, watcher = user_of("mediator"), user_of("mediator")

    def setup():
        from mediator_portal.notifications import services

        topic = make_topic(author=account(author))
        everything = services.preferences(db.session, author.id).deliveries
        services.save_preferences(db.session, author.id, {**everything, "reply": "never"}, 7, 0)
        services.set_watch_level(db.session, watcher.id, "topic", topic.id, "watching")
        return topic.id

    topic_id = seed(setup)
    seed(lambda: make_post(db.session.get(Topic, topic_id), body=BODY))
    assert jobs.queue.pending_count() == 0
    drained()
    assert list(mailbox) == []


def _active(user_id: int, minutes_ago: int) -> None:
    person = db.session.get(accounts.User, user_id)
    accounts.start_session(db.session, person, ip="127.0.0.1", user_agent="test")
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user_id)
        .values(last_seen_at=utcnow() - timedelta(minutes=minutes_ago))
    )


@pytest.mark.parametrize(
    ("minutes_ago", "has_read", "emailed"),
    [
        (2, True, False),  # on the site and has read the reply: no e-mail
        (2, False, True),  # on the site but has not read it
        (11, True, True),  # read it, but left the site more than 10 minutes ago
    ],
)
def test_the_ten_minute_rule(app, user_of, seed, mailbox, minutes_ago, has_read, emailed):
    author = user_of("mediator")
    topic_id = seed(lambda: make_topic(author=account(author)).id)
    post_id = seed(lambda: make_post(db.session.get(Topic, topic_id), body=BODY).id)
    assert jobs.queue.pending_count() == 1  # queued before the person came by

    def came_by():
        _active(author.id, minutes_ago)
        if has_read:
            post = forums.posts_by_id(db.session, [post_id])[post_id]
            forums.mark_read(db.session, account(author), post.topic, post.number)

    seed(came_by)
    drained()
    assert len(mailbox) == (1 if emailed else 0)
    with app.app_context():
        assert [row.read_at for row in rows_of(author)] == [None]  # the rule, not the list


def test_no_email_when_access_is_lost_after_the_notification(app, user_of, seed, mailbox):
    author = user_of("mediator")
    ids = seed(lambda: (lambda t: (t.id, t.category_id))(make_topic(author=account(author))))
    seed(lambda: make_post(db.session.get(Topic, ids[0]), body=BODY))
    assert jobs.queue.pending_count() == 1

    def restrict():  # the category is closed to mediators before the worker runs
        db.session.get(Category, ids[1]).visible_to = "trainer,admin"

    seed(restrict)
    drained()
    assert list(mailbox) == []
    with app.app_context():
        assert sent_keys() == []


def _reply_notification(seed, author) -> int:
    def reply():
        topic = make_topic(author=account(author))
        make_post(topic, body=BODY)

    seed(reply)
    return rows_of(author)[0].id


def test_two_workers_send_an_email_queued_many_times_once(app, user_of, seed, mailbox):
    author = user_of("mediator", email="once@example.org")
    with app.app_context():
        notification_id = _reply_notification(seed, author)
    for _ in range(10):
        email_jobs.send_notification_email.enqueue(notification_id, "http://localhost/")
    workers = [InProcessWorker(4).start(), InProcessWorker(4).start()]
    try:
        workers[0].drain()
    finally:
        for running in workers:
            running.stop()
    assert [m["To"] for m in mailbox] == ["once@example.org"]


@pytest.mark.logs_errors  # the worker logs the failed attempt
@pytest.mark.parametrize(
    ("name", "wrap"),
    [("send_once", crash_after_sending), ("send_message", mail_server_down_once)],
)
def test_a_retry_after_a_failure_in_the_middle_sends_once(
    app, user_of, seed, mailbox, monkeypatch, quick_retries, name, wrap
):
    ATTEMPTS.clear()
    author = user_of("mediator", email="retry@example.org")
    monkeypatch.setattr(email_jobs, name, wrap(getattr(email_jobs, name)))
    with app.app_context():
        _reply_notification(seed, author)  # queued by the receiver
    running = InProcessWorker().start()
    try:
        wait_for(lambda: len(ATTEMPTS) >= 2, what="the retry")
        running.drain()
    finally:
        running.stop()
    assert len(ATTEMPTS) == 2
    assert [m["To"] for m in mailbox] == ["retry@example.org"]


def test_an_urgent_kind_overrides_the_digest_but_not_never(app, user_of, seed, mailbox):
    from mediator_portal.notifications import services
    from mediator_portal.notifications.services.kinds import KINDS, Kind, register_kind
    from mediator_portal.notifications.services.targets import Target

    register_kind(Kind("test_urgent", "Urgent test", "digest", urgent=True))
    try:
        digest, never = user_of("mediator"), user_of("mediator")

        def announce():
            topic = make_topic(category=make_category())
            everything = services.preferences(db.session, never.id).deliveries
            services.save_preferences(
                db.session, never.id, {**everything, "test_urgent": "never"}, 7, 0
            )
            db.session.commit()
            services.notify(
                db.session, [digest.id, never.id], "test_urgent", Target("topic", topic.id)
            )

        seed(announce)
        drained()
        assert [m["To"] for m in mailbox] == [digest.email]
    finally:
        KINDS.pop("test_urgent", None)


def test_nothing_is_sent_for_a_notification_that_does_not_exist(app_ctx, mailbox):
    assert email_jobs.send_notification_email(10**6, "http://localhost/") is False
    assert email_jobs.queue_immediate([], "reply") == 0
    assert list(mailbox) == []
