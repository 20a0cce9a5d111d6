"""Core tests send real mail to the local SMTP server of the `mailbox` fixture."""

import pytest


@pytest.fixture(autouse=True)
def _deliver_mail(app, monkeypatch):
    # Flask-Mail suppresses sending when app.testing; these tests read the real SMTP server.
    # (TestingConfig should set MAIL_SUPPRESS_SEND = False; until then, undo it here.)
    monkeypatch.setattr(app.extensions["mail"], "suppress", False)
