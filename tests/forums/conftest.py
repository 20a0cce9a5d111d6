"""Forum test helpers: run a function in the app's context and commit, get accounts back."""

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db


@pytest.fixture
def seed(app):
    """`seed(fn)` runs `fn()` in an app context, commits, and returns its result.

    Return ids (not objects) from `fn`: objects are detached once the context ends.
    """

    def run(fn):
        with app.app_context():
            result = fn()
            db.session.commit()
            return result

    return run


def account(client_or_user) -> User:
    """The User row (in the current session) of a logged-in client or a detached user."""
    user = getattr(client_or_user, "user", None) or client_or_user
    return db.session.get(User, user.id)


@pytest.fixture
def member(logged_in):
    """Factory: like `logged_in(role)`, with the interface in English (readable assertions)."""

    def sign_in(role: str = "mediator", **fields):
        browser = logged_in(role, **fields)
        with browser.session_transaction() as session:
            session["lang"] = "en"
        return browser

    return sign_in


@pytest.fixture
def uploads(app, tmp_path, monkeypatch):
    """An empty UPLOAD_FOLDER of this test's own (attachments of posts)."""
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder
