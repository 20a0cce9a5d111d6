"""Fixtures for background jobs: an isolated queue per test and real consumers.

Every test gets a queue of its own (a fresh SQLite file, opened only if the test uses it),
so nothing a test enqueues leaks into the next. `worker` starts Huey's own consumer in
this process (threads, the real storage); `worker_process()` starts the worker the way
the README does (`flask --app wsgi jobs worker`) as a subprocess on the test database.
"""

import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mediator_portal import jobs

ROOT = Path(__file__).resolve().parent.parent
_numbers = itertools.count()


@pytest.fixture(scope="session")
def jobs_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("jobs")


@pytest.fixture(autouse=True)
def _fresh_queue(app, jobs_dir):
    """A queue of this test's own, worked in the session's app."""
    path = jobs_dir / f"queue-{next(_numbers)}.db"
    jobs.queue.configure(name="test", redis_url=None, sqlite_path=str(path))
    jobs.queue.app = app
    yield path
    jobs.queue.configure(name="test", redis_url=None, sqlite_path=str(path))  # closes it


class InProcessWorker:
    """Huey's consumer on the test's queue, in threads of this process."""

    def __init__(self, workers: int = 2):
        self.consumer = jobs.consumer(workers, periodic_tasks=False)
        self.consumer._set_signal_handlers = lambda: None  # pytest keeps its own

    def start(self) -> "InProcessWorker":
        self.consumer.start()
        return self

    def stop(self) -> None:
        self.consumer.stop(graceful=True)

    def drain(self, timeout: float = 15.0) -> None:
        """Wait until nothing is queued, scheduled (a retry waiting) or running."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 3:
            if time.monotonic() > deadline:
                raise AssertionError("the job queue did not empty in time")
            queue = jobs.queue
            busy = queue.pending_count() or queue.scheduled_count() or queue._tasks_in_flight
            quiet = 0 if busy else quiet + 1
            time.sleep(0.05)


@pytest.fixture
def worker(_fresh_queue):
    """A running in-process consumer of this test's queue; `worker.drain()` waits for it."""
    running = InProcessWorker().start()
    yield running
    running.stop()


def worker_environment(app, queue_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a worker process on the test app's database, mail and queue."""
    env = dict(os.environ)
    env.update(
        MEDIATOR_PORTAL_CONFIG="testing",
        TEST_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_SERVER=app.config["MAIL_SERVER"],
        MAIL_PORT=str(app.config["MAIL_PORT"]),
        JOBS_NAME=jobs.queue.name,
        JOBS_SQLITE_PATH=str(queue_path),
        UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"],  # never the checkout's uploads/
        PYTHONUNBUFFERED="1",
    )
    if app.config.get("PUBLIC_URL"):
        env["PUBLIC_URL"] = app.config["PUBLIC_URL"]
    env.update(extra)
    return env


@pytest.fixture
def worker_process(app, _fresh_queue, tmp_path):
    """Factory: `worker_process()` starts `flask --app wsgi jobs worker` (README) on this
    test's queue and returns once it is consuming; every one started is stopped with SIGINT
    (Ctrl-C) afterwards."""
    started = []

    def start(**extra: str) -> subprocess.Popen:
        path = tmp_path / f"worker-{len(started)}.log"
        log = open(path, "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker", "--workers", "2"],
            cwd=ROOT,
            env=worker_environment(app, _fresh_queue, **extra),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        wait_for(
            lambda: process.poll() is not None or b"consumer started" in path.read_bytes(),
            what="the worker to start",
        )
        assert process.poll() is None, path.read_text()
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            process.send_signal(subprocess.signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def wait_for(condition, timeout: float = 20.0, what: str = "the condition"):
    """Poll `condition()` until it returns something true; that value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
