"""Training test helpers: run a function in the app's context and commit; role clients with
the interface in English."""

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db


@pytest.fixture
def seed(app):
    """`seed(fn)` runs `fn()` in an app context, commits, and returns its result (return ids)."""

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
    """Factory: like `logged_in(role)`, with the interface in English."""

    def sign_in(role: str = "mediator", **fields):
        browser = logged_in(role, **fields)
        with browser.session_transaction() as session:
            session["lang"] = "en"
        return browser

    return sign_in
