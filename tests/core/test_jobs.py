"""Background jobs through a real queue and real workers: the invitation e-mail leaves the
request and arrives through the worker the README starts; sends happen exactly once with
two workers and after a failure in the middle; the Redis storage works the same."""

import os
import secrets
import signal
import time

import pytest
import redis
from sqlalchemy import select

from mediator_portal import jobs
from mediator_portal.accounts import services as accounts
from mediator_portal.admin.jobs import send_invitation
from mediator_portal.extensions import db
from mediator_portal.sent_once import SentMessage
from tests.jobs_support import InProcessWorker, wait_for
from tests.smtp import body_of
from tests.support import skip_or_fail

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def invite(admin, email: str = "amina@example.org"):
    data = {"name": "Αμίνα Χασάν", "email": email, "role": "mediator", "locale": "en"}
    response = admin.post("/admin/users/new", data=data)
    assert response.status_code == 302, response.text
    return response


def sent_keys(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(SentMessage.key)))


def test_the_request_only_queues_the_invitation_and_the_worker_process_sends_it(
    app, logged_in, mailbox, worker_process
):
    invite(logged_in("admin"))
    assert jobs.queue.pending_count() == 1
    time.sleep(0.3)
    assert list(mailbox) == []  # nothing was sent by the request itself

    worker_process()  # `flask --app wsgi jobs worker`, as the README runs it
    message = wait_for(lambda: mailbox and mailbox[0], what="the invitation e-mail")
    assert message["To"] == "amina@example.org"
    assert "/auth/invitation/" in body_of(message)
    assert "choose your password" in body_of(message)  # in the person's language (English)
    wait_for(lambda: jobs.queue.pending_count() == 0, what="the queue to empty")
    assert len(sent_keys(app)) == 1


def test_two_worker_processes_send_a_job_enqueued_many_times_exactly_once(
    app, logged_in, mailbox, worker_process
):
    invite(logged_in("admin"))
    with app.app_context():
        user_id = accounts.find_by_email(db.session, "amina@example.org").id
    first, second = worker_process(), worker_process()
    for _ in range(11):  # a re-enqueue, a double click, a retry from the admin page…
        send_invitation.enqueue(user_id, "http://localhost/")
    wait_for(lambda: jobs.queue.pending_count() == 0, what="the workers to take every job")
    for process in (first, second):  # Ctrl-C: each finishes what it is running, then exits
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
    assert first.wait(timeout=20) == 0 and second.wait(timeout=20) == 0
    assert [m["To"] for m in mailbox] == ["amina@example.org"]
    assert len(sent_keys(app)) == 1


def test_two_in_process_consumers_race_on_the_same_send(app, mailbox, user_of):
    person = user_of("mediator", password=None, email="race@example.org")
    workers = [InProcessWorker(workers=4).start(), InProcessWorker(workers=4).start()]
    try:
        for _ in range(16):
            send_invitation.enqueue(person.id, "http://localhost/")
        workers[0].drain()
    finally:
        for running in workers:
            running.stop()
    assert [m["To"] for m in mailbox] == ["race@example.org"]


ATTEMPTS: list[str] = []


@jobs.job(retries=2, retry_delay=0.1)
def mail_then_fail(address: str) -> None:
    """Sends once, then fails on its first attempt (a crash after the e-mail left)."""
    from mediator_portal.mailer import send_email
    from mediator_portal.sent_once import send_once

    ATTEMPTS.append(address)
    send_once(
        db.session,
        f"test:{address}",
        lambda: send_email(address, "Test", "invitation", user=_Named(), link="x", days=1),
    )
    if len(ATTEMPTS) == 1:
        raise RuntimeError("crashed after sending")


class _Named:
    name = "Tester"


@jobs.job(retries=2, retry_delay=0.1)
def fail_while_sending(address: str) -> None:
    """The first attempt fails inside the send (the mail server is down): nothing recorded."""
    from mediator_portal.mailer import send_email
    from mediator_portal.sent_once import send_once

    ATTEMPTS.append(address)

    def send() -> None:
        if len(ATTEMPTS) == 1:
            raise OSError("connection reset")
        send_email(address, "Test", "invitation", user=_Named(), link="x", days=1)

    send_once(db.session, f"test:{address}", send)


@pytest.mark.logs_errors  # the worker logs the failed attempt
@pytest.mark.parametrize("runner", [mail_then_fail, fail_while_sending])
def test_a_job_retried_after_a_failure_sends_exactly_once(app, mailbox, worker, runner):
    ATTEMPTS.clear()
    runner.enqueue("retry@example.org")
    wait_for(lambda: len(ATTEMPTS) >= 2, what="the retry")
    worker.drain()
    assert ATTEMPTS == ["retry@example.org"] * 2
    assert [m["To"] for m in mailbox] == ["retry@example.org"]
    assert sent_keys(app) == ["test:retry@example.org"]


def test_jobs_refuse_arguments_that_are_not_plain_values():
    with pytest.raises(TypeError):
        send_invitation.enqueue(object(), "http://localhost/")


def test_the_queue_storage_is_opened_when_first_used_not_when_configured(tmp_path):
    path = tmp_path / "jobs.db"
    jobs.queue.configure(name="lazy", redis_url=None, sqlite_path=str(path))
    assert not path.exists()  # building the app writes nothing
    assert jobs.queue.pending_count() == 0
    assert path.exists()


@pytest.fixture
def redis_queue(app):
    """This test's queue on the local Redis (a name of its own), emptied afterwards."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    name = f"test-jobs-{secrets.token_hex(4)}"
    jobs.queue.configure(name=name, redis_url=REDIS_URL, sqlite_path="")
    yield name
    jobs.queue.storage.flush_all()


def test_the_redis_storage_carries_the_invitation(app, logged_in, mailbox, redis_queue):
    assert type(jobs.queue.storage).__name__ == "RedisStorage"
    invite(logged_in("admin"), "redis@example.org")
    assert jobs.queue.pending_count() == 1
    running = InProcessWorker().start()
    try:
        running.drain()
    finally:
        running.stop()
    assert [m["To"] for m in mailbox] == ["redis@example.org"]


@pytest.mark.parametrize(
    ("utc", "matches"),
    [
        ("2026-03-28 05:00", True),  # winter: 07:00 Athens is 05:00 UTC
        ("2026-03-28 04:00", False),
        ("2026-03-29 04:00", True),  # the day summer time starts: 04:00 UTC
        ("2026-03-29 05:00", False),
        ("2026-10-24 04:00", True),  # summer
        ("2026-10-25 05:00", True),  # the day winter time comes back: 05:00 UTC
        ("2026-10-25 04:00", False),
    ],
)
def test_periodic_times_are_read_in_athens(utc, matches):
    from datetime import datetime

    seven = jobs.athens_crontab(hour="7", minute="0")
    assert seven(datetime.strptime(utc, "%Y-%m-%d %H:%M")) is matches


@jobs.periodic(hour="7", minute="0")
def morning_digest() -> None:
    """A periodic job of the tests (never run here)."""


def test_periodic_jobs_are_due_at_seven_in_athens():
    from datetime import datetime

    def due(utc: str) -> list[str]:
        moment = datetime.strptime(utc, "%Y-%m-%d %H:%M")
        return [task.name for task in jobs.queue.read_periodic(moment)]

    name = "tests.core.test_jobs.morning_digest:periodic"
    assert any(found.endswith(name) for found in due("2026-01-15 05:00"))  # winter
    assert any(found.endswith(name) for found in due("2026-07-15 04:00"))  # summer
    assert not any(found.endswith(name) for found in due("2026-07-15 05:00"))
