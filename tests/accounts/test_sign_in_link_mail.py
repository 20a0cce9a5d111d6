"""The one-time sign-in link of an account under protection goes through the job queue:
queued once the page has been sent (its timing tells nothing), sent by the worker in the
owner's language, exactly once after a failure, never to a deactivated account."""

import pytest

from mediator_portal import jobs, mailer
from mediator_portal.accounts import jobs as account_jobs
from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from tests.accounts.test_throttling import (  # noqa: F401 - _worked: the worker for each test
    LINK,
    OWNER_IP,
    _attempt,
    _link_path,
    _owner_signs_in,
    _stranger_fails,
    _worked,
)
from tests.factories import DEFAULT_PASSWORD
from tests.jobs_support import InProcessWorker, wait_for
from tests.notifications.helpers import ATTEMPTS, crash_after_sending, mail_server_down_once
from tests.smtp import body_of


def _drained() -> None:
    """Run a worker until the queue is empty (the test's own worker was stopped)."""
    restarted = InProcessWorker().start()
    try:
        restarted.drain()
    finally:
        restarted.stop()


def test_the_link_is_queued_after_the_response_in_the_owners_language(
    new_client, user_of, mailbox, worker
):
    """The mail is queued once the page is sent, so that nothing in the answer's timing
    tells, and the worker sends it."""
    worker.stop()
    user = user_of("mediator", name="Φαρίντ Αχμαντί")
    _stranger_fails(new_client, user.email)
    response = _attempt(new_client(), user.email, DEFAULT_PASSWORD, ip=OWNER_IP)
    assert response.status_code == 200
    assert jobs.queue.pending_count() == 0
    response.close()
    assert jobs.queue.pending_count() == 1
    assert mailbox == []  # the request sent nothing itself
    _drained()
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == user.email
    assert "Φαρίντ Αχμαντί" in body_of(message)
    assert "Finish signing in" not in message["Subject"]  # Greek, the account's language
    assert LINK.search(body_of(message))


@pytest.mark.logs_errors  # the worker logs the failed attempt
@pytest.mark.parametrize(
    ("target", "name", "wrap"),
    [
        (account_jobs, "send_once", crash_after_sending),
        (mailer, "send_message", mail_server_down_once),
    ],
    ids=["crash after sending", "mail server down"],
)
def test_a_link_retried_after_a_failure_is_sent_exactly_once(
    new_client, user_of, mailbox, monkeypatch, target, name, wrap
):
    ATTEMPTS.clear()
    retried = account_jobs.send_sign_in_link.task.task_class
    monkeypatch.setattr(retried, "default_retry_delay", 0.1)
    monkeypatch.setattr(target, name, wrap(getattr(target, name)))
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    owner = new_client()
    _owner_signs_in(owner, user)
    wait_for(lambda: len(ATTEMPTS) >= 2, what="the retry")
    path = _link_path(mailbox, user.email)
    assert [m["To"] for m in mailbox] == [user.email]
    assert owner.post(path).headers["Location"] == "/"


def test_a_deactivated_account_is_sent_no_link(app, new_client, user_of, mailbox, worker):
    worker.stop()
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    _owner_signs_in(new_client(), user)
    assert jobs.queue.pending_count() == 1
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    _drained()
    assert mailbox == []
