"""The board's test helpers (`seed`, `member`) for the notification tests."""

import pytest

from tests.forums.conftest import member, seed  # noqa: F401 - fixtures

PUBLIC_URL = "https://portal.example.org"


@pytest.fixture
def public_url(app, monkeypatch):
    """Links in e-mails on PUBLIC_URL, as in production (the worker reads the same app)."""
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    return PUBLIC_URL


@pytest.fixture
def quick_retries(monkeypatch):
    """The e-mail jobs retried after 0.1 s instead of a minute."""
    from mediator_portal.notifications import jobs

    for runner in (jobs.send_notification_email, jobs.send_digest):
        monkeypatch.setattr(runner.task.task_class, "default_retry_delay", 0.1)
