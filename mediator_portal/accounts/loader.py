"""Flask-Login wiring: the cookie holds a login-session token, checked on every request."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from mediator_portal.accounts import services
from mediator_portal.extensions import db, login_manager


def load_user(token: str):
    """Flask-Login user loader: the account of a live login session, or None."""
    return services.user_for_token(db.session, token)


def register_login(app: Flask) -> None:
    """Bind Flask-Login to `app` with our loader and messages."""
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
