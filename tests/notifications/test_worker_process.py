"""A mention e-mail through a separate worker process, started as scripts/run.sh and the
README start it (`.venv/bin/flask --app wsgi jobs worker`, the development configuration)
with the web app's environment: its database, its queue file and the test's SMTP server.
The request only queues the e-mail; the worker process sends it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediator_portal import jobs
from mediator_portal.notifications.services.mentions import handle
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_topic
from tests.jobs_support import ROOT, wait_for
from tests.smtp import body_of
from tests.support import skip_or_fail

pytestmark = pytest.mark.database

FLASK = Path(sys.executable).parent / "flask"  # "$BIN/flask" in scripts/run.sh


def readme_environment(app, queue_path: Path) -> dict[str, str]:
    """What the web server's environment would hold: the worker builds the same app."""
    config = app.config
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEST_")}
    env.update(
        MEDIATOR_PORTAL_CONFIG="development",  # as `make run`
        DATABASE_URL=config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY=config["SECRET_KEY"],
        MAIL_BACKEND="smtp",
        MAIL_SERVER=config["MAIL_SERVER"],
        MAIL_PORT=str(config["MAIL_PORT"]),
        JOBS_NAME=jobs.queue.name,
        JOBS_SQLITE_PATH=str(queue_path),
        PUBLIC_URL=config.get("PUBLIC_URL") or "http://localhost",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture
def readme_worker(app, _fresh_queue, tmp_path):
    """Start `flask --app wsgi jobs worker` in its own process; stopped with SIGINT (Ctrl-C)
    afterwards. Yields a function that starts it and returns the process and its log."""
    if not FLASK.exists():
        skip_or_fail(f"no flask command beside the interpreter ({FLASK})")
    if app.config["SQLALCHEMY_DATABASE_URI"] in ("sqlite://", "sqlite:///:memory:"):
        skip_or_fail("an in-memory database cannot be shared with another process")
    started: list[subprocess.Popen] = []
    log_path = tmp_path / "worker.log"

    def start() -> subprocess.Popen:
        log = open(log_path, "wb")  # noqa: SIM115 - closed with the process below
        process = subprocess.Popen(
            [str(FLASK), "--app", "wsgi", "jobs", "worker"],
            cwd=ROOT,
            env=readme_environment(app, _fresh_queue),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        log.close()
        wait_for(
            lambda: process.poll() is not None or b"consumer started" in log_path.read_bytes(),
            timeout=60,
            what="the worker to start",
        )
        assert process.poll() is None, log_path.read_text()
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_mention_is_queued_by_the_request_and_sent_by_the_worker_process(
    app, seed, logged_in, user_of, mailbox, readme_worker
):
    user_of("mediator", name="Ζωή Καραγιάννη", email="zoi@example.org", locale="en")
    author = logged_in("mediator", name="Νίκος Παππάς")
    topic_id = seed(lambda: make_topic(category=make_category(), author=account(author)).id)

    body = f"@{handle('Ζωή Καραγιάννη')} could you join us on Thursday?"
    response = author.post(f"/forums/t/{topic_id}/reply", data={"body": body})
    assert response.status_code == 302, response.text
    assert jobs.queue.pending_count() == 1  # the request only queued the e-mail
    time.sleep(0.3)
    assert list(mailbox) == []

    process = readme_worker()
    message = wait_for(lambda: mailbox and mailbox[0], timeout=30, what="the mention e-mail")
    assert message["To"] == "zoi@example.org"
    assert "Νίκος Παππάς" in body_of(message)
    assert "/forums/p/" in body_of(message)
    wait_for(lambda: jobs.queue.pending_count() == 0, what="the queue to empty")

    process.send_signal(signal.SIGINT)  # Ctrl-C: it finishes what it runs, then exits
    assert process.wait(timeout=20) == 0
    assert [m["To"] for m in mailbox] == ["zoi@example.org"]
