"""`make run`'s script starts the web server and the job worker together; Ctrl-C (SIGINT to
the terminal's process group) or SIGTERM stops both."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from mediator_portal.admin.jobs import send_invitation
from tests.jobs_support import worker_environment

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local URL
            return response.status == 200
    except OSError:
        return False


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_run_starts_web_and_worker_and_stopping_it_stops_both(
    app, user_of, _fresh_queue, tmp_path, stop
):
    port = _free_port()
    outbox = tmp_path / "outbox"
    env = worker_environment(
        app,
        _fresh_queue,
        MEDIATOR_PORTAL_CONFIG="development",
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_BACKEND="outbox",
        MAIL_OUTBOX=str(outbox),
        PORT=str(port),
    )
    log = open(tmp_path / "run.log", "wb")  # noqa: SIM115
    script = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as in a terminal
    )
    try:
        _wait(lambda: _healthy(f"http://127.0.0.1:{port}/healthz"), 30, "the web server")
        children = _children(script.pid)
        assert len(children) == 2

        # The worker is running: a queued invitation ends up in the outbox.
        person = user_of("mediator", password=None, email="run@example.org")
        send_invitation.enqueue(person.id, f"http://127.0.0.1:{port}/")
        sent = _wait(lambda: list(outbox.glob("*.eml")), 30, "the worker to send the e-mail")
        assert b"run@example.org" in sent[0].read_bytes()

        if stop == signal.SIGINT:
            os.killpg(script.pid, signal.SIGINT)  # what Ctrl-C does
        else:
            script.send_signal(signal.SIGTERM)
        script.wait(timeout=20)
        _wait(lambda: not any(_alive(child) for child in children), 10, "both to stop")
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()
        log.close()
    assert "web server and job worker stopped" in (tmp_path / "run.log").read_text()
