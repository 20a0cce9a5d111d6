"""Outgoing mail: real SMTP, the development outbox, a clear error when the server is down."""

from email import message_from_bytes
from email.policy import default

import pytest
from flask_babel import lazy_gettext as _l

from mediator_portal import mailer
from tests.smtp import body_of

USER = type("U", (), {"name": "Αμίνα Χασάν"})()


def _send(**kw):
    mailer.send_email(
        "amina@example.org",
        _l("Reset your password"),
        "password_reset",
        user=USER,
        link="https://portal.example.org/auth/reset/abc",
        **kw,
    )


def test_message_goes_through_smtp(app_ctx, mailbox):
    _send(locale="en")
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == "amina@example.org"
    assert message["From"] == app_ctx.config["MAIL_DEFAULT_SENDER"]
    assert message["Subject"] == "Reset your password"
    body = body_of(message)
    assert "Αμίνα Χασάν" in body
    assert "https://portal.example.org/auth/reset/abc" in body


@pytest.mark.parametrize("locale", ["el", "en"])
def test_subject_and_body_follow_the_recipients_language(app_ctx, mailbox, locale):
    _send(locale=locale)
    message = mailbox[0]
    english = message["Subject"] == "Reset your password"
    assert english is (locale == "en")
    assert ("Hello" in body_of(message)) is (locale == "en")


def test_outbox_backend_writes_eml_files(app_ctx, mailbox, tmp_path, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "MAIL_BACKEND", "outbox")
    monkeypatch.setitem(app_ctx.config, "MAIL_OUTBOX", str(tmp_path / "outbox"))
    _send(locale="en")
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert mailbox == []
    message = message_from_bytes(files[0].read_bytes(), policy=default)
    assert message["To"] == "amina@example.org"
    assert message["From"]
    assert "https://portal.example.org/auth/reset/abc" in message.get_body().get_content()


def test_unreachable_server_raises_mail_error(app_ctx, monkeypatch):
    monkeypatch.setattr(app_ctx.extensions["mail"], "port", 1)
    with pytest.raises(mailer.MailError):
        _send()


def test_external_url_uses_the_request_host_without_public_url(app):
    with app.test_request_context("/", base_url="https://portal.example.org"):
        url = mailer.external_url("accounts.reset_password", token="abc")
    assert url == "https://portal.example.org/auth/reset/abc"


def test_external_url_ignores_a_forged_host_when_public_url_is_set(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://portal.example.org/")
    with app.test_request_context("/", base_url="http://evil.example"):
        url = mailer.external_url("accounts.reset_password", token="abc")
    assert url == "https://portal.example.org/auth/reset/abc"


@pytest.mark.parametrize(
    "subject",
    [
        "New material of training sessions I proposed, supported or attended: "
        "Καταγραφή της συνάντησης",
        "Υλικό: Καταγραφή της συνάντησης",
        "Reset your password",
        "Plain words, long enough to be folded by a mail program that folds at 78 columns",
    ],
)
def test_a_subject_arrives_as_written_spaces_and_all(app_ctx, mailbox, subject):
    mailer.send_message("amina@example.org", subject, "Κείμενο", html="<p>Κείμενο</p>")
    assert mailbox[0]["Subject"] == subject
