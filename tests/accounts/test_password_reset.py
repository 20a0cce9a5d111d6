"""Forgotten password: a link by e-mail (sent by the job worker through real SMTP), the
same answer for any address, a link that works once and ends every session."""

import re
import time

import pytest

from mediator_portal import jobs, mailer
from mediator_portal.accounts import jobs as account_jobs
from mediator_portal.accounts.models import User
from mediator_portal.accounts.services import invitations
from mediator_portal.extensions import db
from tests.factories import DEFAULT_PASSWORD
from tests.jobs_support import InProcessWorker, wait_for
from tests.notifications.helpers import ATTEMPTS, crash_after_sending, mail_server_down_once
from tests.smtp import body_of

NEW_PASSWORD = "pomegranates in december"  # noqa: S105
LINK = re.compile(r"https?://\S+/auth/reset/\S+")


@pytest.fixture(autouse=True)
def _worked(worker):
    """The e-mails leave through the job worker: each request below waits for it."""
    global WORKER
    WORKER = worker
    yield
    WORKER = None


WORKER = None


def _ask(browser, email: str, **kw):
    response = browser.post("/auth/forgot?lang=en", data={"email": email}, **kw)
    WORKER.drain()
    return response


def _link_path(mailbox, address: str) -> str:
    messages = [m for m in mailbox if address in m["X-Envelope-To"]]
    assert len(messages) == 1
    match = LINK.search(body_of(messages[0]))
    assert match, body_of(messages[0])
    return "/" + match.group(0).split("/", 3)[3]


def _followed(browser, response) -> str:
    """The page a redirect leads to (where the flash message is shown), CSRF token blanked."""
    page = browser.get(response.headers["Location"]).text
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)[1]
    return page.replace(token, "")


def test_forgot_page_renders(client):
    response = client.get("/auth/forgot")
    assert response.status_code == 200
    assert 'name="email"' in response.text


def test_reset_mail_arrives_and_the_link_sets_a_new_password(client, user_of, mailbox):
    user = user_of("mediator", name="Φαρίντ Αχμαντί")
    response = _ask(client, user.email.upper())
    assert response.status_code == 302
    message = mailbox[0]
    assert message["To"] == user.email
    assert message["Subject"]
    assert "Φαρίντ Αχμαντί" in body_of(message)
    path = _link_path(mailbox, user.email)
    page = client.get(path)
    assert page.status_code == 200
    assert 'name="password"' in page.text
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.headers["Location"] == "/auth/login"
    assert client.login(user.email, DEFAULT_PASSWORD).status_code == 422
    assert client.login(user.email, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("who", ["unknown", "deactivated", "invited"])
def test_same_answer_whether_or_not_the_account_can_reset(
    client, new_client, user_of, mailbox, who
):
    real = user_of("mediator")
    other = {
        "unknown": "nobody@example.org",
        "deactivated": user_of("mediator", active=False).email,
        "invited": user_of("mediator", password=None).email,
    }[who]
    first, second = new_client(), new_client()
    answer_real = _ask(first, real.email)
    answer_other = _ask(second, other)
    assert answer_real.status_code == answer_other.status_code == 302
    assert answer_real.headers["Location"] == answer_other.headers["Location"]
    assert _followed(first, answer_real) == _followed(second, answer_other)
    assert "If an account exists for this address" in _followed(client, _ask(client, other))
    assert [m["To"] for m in mailbox] == [real.email]


def test_the_link_works_once(client, user_of, mailbox):
    user = user_of("mediator")
    _ask(client, user.email)
    path = _link_path(mailbox, user.email)
    assert (
        client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )
    again = client.get(path + "?lang=en")
    assert again.status_code == 404
    assert "This link cannot be used" in again.text
    second = client.post(
        path, data={"password": "yet another passphrase", "confirm": "yet another passphrase"}
    )
    assert second.status_code == 404


def test_reset_ends_every_session(logged_in, new_client, mailbox):
    browser = logged_in("supervisor")
    other = new_client()
    _ask(other, browser.user.email)
    path = _link_path(mailbox, browser.user.email)
    other.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert browser.get("/").status_code == 302


def test_a_newer_link_does_not_kill_the_older_until_one_is_used(client, user_of, mailbox):
    user = user_of("mediator")
    _ask(client, user.email)
    first = _link_path(mailbox, user.email)
    mailbox.clear()
    _ask(client, user.email)
    second = _link_path(mailbox, user.email)
    assert client.get(first).status_code == 200
    client.post(second, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get(first).status_code == 404


def test_weak_new_password_keeps_the_link_usable(client, user_of, mailbox):
    user = user_of("mediator")
    _ask(client, user.email)
    path = _link_path(mailbox, user.email)
    response = client.post(
        path + "?lang=en", data={"password": "password123", "confirm": "password123"}
    )
    assert response.status_code == 422
    assert "too common" in response.text
    assert (
        client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )


def test_expired_reset_link_gets_410(app, client, user_of, monkeypatch):
    user = user_of("mediator")
    three_hours_ago = time.time() - 3 * 3600
    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: three_hours_ago)
        token = invitations.make_token(db.session.get(User, user.id), invitations.RESET)
    response = client.get(f"/auth/reset/{token}?lang=en")
    assert response.status_code == 410
    assert "The link has expired." in response.text


def test_tampered_reset_link_gets_404(app, client, user_of):
    user = user_of("mediator")
    with app.app_context():
        token = invitations.make_token(db.session.get(User, user.id), invitations.RESET)
    assert client.get(f"/auth/reset/{token[:-2]}xx").status_code == 404
    invite_token = None
    with app.app_context():
        invite_token = invitations.make_token(db.session.get(User, user.id), invitations.INVITE)
    assert client.get(f"/auth/reset/{invite_token}").status_code == 404


def test_link_uses_public_url_when_set(app, client, user_of, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://portal.example.org/")
    user = user_of("mediator")
    _ask(client, user.email)
    assert "https://portal.example.org/auth/reset/" in body_of(mailbox[0])


@pytest.mark.logs_errors  # the worker logs the failed attempt
def test_mail_failure_gives_the_same_answer_and_is_retried_later(
    app, client, user_of, mailbox, monkeypatch
):
    user = user_of("mediator")
    monkeypatch.setattr(app.extensions["mail"], "port", 1)  # nothing listens there
    response = client.post("/auth/forgot?lang=en", data={"email": user.email})
    assert response.status_code == 302
    assert "If an account exists for this address" in _followed(client, response)
    wait_for(lambda: jobs.queue.scheduled_count() == 1, what="the retry to be scheduled")
    assert mailbox == []


def test_the_request_only_queues_the_mail(app, client, user_of, mailbox):
    WORKER.stop()
    user = user_of("mediator")
    client.post("/auth/forgot?lang=en", data={"email": user.email})
    assert jobs.queue.pending_count() == 1
    assert mailbox == []


@pytest.mark.logs_errors  # the worker logs the failed attempt
@pytest.mark.parametrize(
    ("target", "name", "wrap"),
    [
        (account_jobs, "send_once", crash_after_sending),
        (mailer, "send_message", mail_server_down_once),
    ],
    ids=["crash after sending", "mail server down"],
)
def test_a_reset_retried_after_a_failure_is_sent_exactly_once(
    app, client, user_of, mailbox, monkeypatch, target, name, wrap
):
    ATTEMPTS.clear()
    monkeypatch.setattr(
        account_jobs.send_password_reset.task.task_class, "default_retry_delay", 0.1
    )
    monkeypatch.setattr(target, name, wrap(getattr(target, name)))
    user = user_of("mediator")
    client.post("/auth/forgot?lang=en", data={"email": user.email})
    wait_for(lambda: len(ATTEMPTS) >= 2, what="the retry")
    WORKER.drain()
    assert [m["To"] for m in mailbox] == [user.email]
    assert LINK.search(body_of(mailbox[0]))


def test_a_deactivated_account_gets_nothing_even_when_queued_before(app, client, user_of, mailbox):
    WORKER.stop()
    user = user_of("mediator")
    client.post("/auth/forgot?lang=en", data={"email": user.email})
    assert jobs.queue.pending_count() == 1
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    restarted = InProcessWorker().start()
    try:
        restarted.drain()
    finally:
        restarted.stop()
    assert mailbox == []
    assert jobs.queue.pending_count() == 0


def test_forgot_requests_are_limited(client):
    for number in range(5):
        assert _ask(client, f"someone{number}@example.org").status_code == 302
    assert _ask(client, "someone@example.org").status_code == 429


def test_forgot_keeps_a_bad_email_and_explains(client):
    response = client.post("/auth/forgot?lang=en", data={"email": ""})
    assert response.status_code == 422
    assert 'class="govgr-error-message"' in response.text
