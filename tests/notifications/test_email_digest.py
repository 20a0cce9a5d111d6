"""The daily digest through the real queue: at 07:00 Athens on the days the clocks change
(2026-03-29, 2026-10-25), once, not when empty, grouped by topic; exactly once with two
workers and on a retry after a failure in the middle."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from mediator_portal import jobs
from mediator_portal.extensions import db
from mediator_portal.job_failures import FailedJob
from mediator_portal.notifications import jobs as email_jobs
from mediator_portal.notifications import services
from mediator_portal.notifications.models import Notification
from mediator_portal.sent_once import SentMessage
from tests.forums.factories import make_post, make_topic
from tests.jobs_support import InProcessWorker, wait_for
from tests.notifications.helpers import (
    ATTEMPTS,
    crash_after_sending,
    mail_server_down_once,
    parts_of,
)

pytestmark = pytest.mark.database

PERIODIC = "mediator_portal.notifications.jobs.hourly_digests:periodic"


def watched_replies(seed, reader, titles=("Training schedule",)) -> None:
    """`reader` watches topics titled `titles`; someone replies in each (digest kinds)."""

    def setup():
        topics = [make_topic(title=title) for title in titles]
        for topic in topics:
            services.set_watch_level(db.session, reader.id, "topic", topic.id, "watching")
        db.session.commit()
        for number, topic in enumerate(topics):
            make_post(topic, body=f"Reply number {number} about the rota")

    seed(setup)


def to(mailbox, address: str) -> list:
    return [message for message in mailbox if message["To"] == address]


@pytest.mark.parametrize(
    ("day", "seven"),
    [
        (datetime(2026, 3, 29, tzinfo=UTC), datetime(2026, 3, 29, 4, tzinfo=UTC)),  # summer: +3
        (datetime(2026, 10, 25, tzinfo=UTC), datetime(2026, 10, 25, 5, tzinfo=UTC)),  # winter: +2
    ],
)
def test_the_digest_goes_at_seven_in_athens_once_on_the_days_the_clocks_change(
    app, user_of, seed, mailbox, worker, public_url, day, seven
):
    reader = user_of("mediator", email="reader@example.org", locale="en")
    idle = user_of("mediator", email="idle@example.org")
    watched_replies(seed, reader)
    worker.drain()  # the immediate e-mails of the topics' authors
    mailbox.clear()
    # The notifications were made the day before (the clock of this test is 2026's).
    seed(lambda: db.session.execute(update(Notification).values(created_at=day - timedelta(1))))
    sent_at = []
    moment = day - timedelta(hours=4)  # from before midnight in Athens to the next evening
    while moment < day + timedelta(hours=24):
        due = [task.name for task in jobs.queue.read_periodic(moment.replace(tzinfo=None))]
        assert any(name.endswith(PERIODIC) for name in due)  # every hour on the hour
        with app.app_context():
            email_jobs.queue_digests(moment)
            email_jobs.queue_digests(moment)  # a second worker's scheduler, the same hour
        worker.drain()
        if len(to(mailbox, reader.email)) > len(sent_at):
            sent_at.append(moment)
        moment += timedelta(hours=1)
    assert sent_at == [seven]
    assert to(mailbox, idle.email) == []  # nothing to tell: nothing sent
    with app.app_context():
        assert services.last_digest(db.session, reader.id) == seven

    # The next morning, nothing new: nothing is sent.
    with app.app_context():
        email_jobs.queue_digests(seven + timedelta(days=1))
    worker.drain()
    assert len(to(mailbox, reader.email)) == 1


def test_the_digest_lists_the_notifications_grouped_by_topic(
    app, user_of, seed, mailbox, worker, public_url
):
    reader = user_of("mediator", email="reader@example.org", locale="en")
    watched_replies(seed, reader, ("First topic", "Second topic"))
    worker.drain()
    mailbox.clear()
    with app.app_context():
        assert email_jobs.queue_digests(datetime(2026, 12, 3, 5, 10, tzinfo=UTC)) >= 1
    worker.drain()
    [message] = mailbox
    assert message["Subject"] == "Your daily summary from the Mediator Portal"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith(f"<{public_url}/notifications/unsubscribe/")
    for body in parts_of(message).values():
        second, first = body.index("Second topic"), body.index("First topic")
        assert second < first  # the newest topic first
        assert "Reply number 0 about the rota" in body[first:]  # an excerpt, under its topic
        assert "Reply number 1 about the rota" in body[second:first]
        assert body.count("New posts in topics I watch") >= 2
        assert f"{public_url}/forums/p/" in body
        assert f"{public_url}/notifications/preferences" in body


def test_two_workers_send_a_digest_queued_many_times_once(app, user_of, seed, mailbox):
    reader = user_of("mediator", email="reader@example.org")
    watched_replies(seed, reader)
    seven = datetime(2026, 12, 3, 5, tzinfo=UTC)
    for _ in range(10):
        email_jobs.send_digest.enqueue(reader.id, seven.isoformat(), "http://localhost/")
    workers = [InProcessWorker(4).start(), InProcessWorker(4).start()]
    try:
        workers[0].drain()
    finally:
        for running in workers:
            running.stop()
    assert len(to(mailbox, reader.email)) == 1


@pytest.mark.logs_errors  # the worker logs the failed attempt
@pytest.mark.parametrize(
    ("name", "wrap"),
    [("send_once", crash_after_sending), ("send_message", mail_server_down_once)],
)
def test_a_digest_retried_after_a_failure_in_the_middle_is_sent_once(
    app, user_of, seed, mailbox, monkeypatch, quick_retries, name, wrap
):
    reader = user_of("mediator", email="reader@example.org")
    watched_replies(seed, reader)
    running = InProcessWorker().start()  # the topic authors' immediate e-mails first
    running.drain()
    running.stop()
    mailbox.clear()
    ATTEMPTS.clear()
    monkeypatch.setattr(email_jobs, name, wrap(getattr(email_jobs, name)))
    seven = datetime(2026, 12, 3, 5, tzinfo=UTC)
    with app.app_context():
        assert email_jobs.queue_digests(seven) >= 1
    running = InProcessWorker().start()
    try:
        wait_for(lambda: ATTEMPTS, what="the first attempt")
        running.drain()  # and the retry (the crashed one finds the digest sent and recorded)
    finally:
        running.stop()
    assert len(to(mailbox, reader.email)) == 1
    with app.app_context():
        assert services.last_digest(db.session, reader.id) == seven
        keys = db.session.scalars(select(SentMessage.key)).all()
        assert [key for key in keys if key.startswith("digest:")] == [
            email_jobs.digest_key(reader.id, seven)
        ]
        assert db.session.scalars(select(FailedJob.id)).all() == []  # the retry succeeded
