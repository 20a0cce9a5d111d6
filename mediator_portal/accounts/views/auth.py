"""Signing in and out, and the Flask-Login wiring: the cookie holds a login-session token,
checked on every request."""

from urllib.parse import urlsplit

from flask import Flask, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from mediator_portal.accounts import services
from mediator_portal.accounts.forms import LoginForm
from mediator_portal.accounts.views.common import bp, fresh_session
from mediator_portal.database import write_on_the_side
from mediator_portal.extensions import db, limiter, login_manager
from mediator_portal.forms import form_status
from mediator_portal.permissions import members, public


def load_user(token: str):
    """Flask-Login user loader: the account of a live login session, or None.

    Notes when the session was last used (at most every few minutes) in its own commit,
    on the side: this runs before the view, so nothing of the view's work is pending yet.
    """
    login = services.find_login(db.session, token)
    if login is None:
        return None
    if services.is_due(login):
        write_on_the_side(
            db.session, lambda: services.record_use(db.session, login), what="a session's use"
        )
    return login.user


def register_login(app: Flask) -> None:
    """Bind Flask-Login to `app` with our loader and messages."""
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _account_key() -> str:
    return "account:" + services.normalize_email(request.form.get("email", ""))


def _failed(response) -> bool:
    # Only attempts that did not sign in count towards the limits.
    return response.status_code != 302


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (no open redirects).

    Browsers ignore tabs and newlines in URLs and read a backslash as a slash, so
    "/\\evil.example" or "/<tab>/evil.example" would leave the site: any control
    character, space or backslash makes the target unsafe.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def sign_in(user, *, remember: bool) -> None:
    """Renew the browser session and open a new login session for `user` (commits)."""
    fresh_session()
    services.start_session(
        db.session, user, ip=request.remote_addr, user_agent=request.user_agent.string
    )
    db.session.commit()
    login_user(user, remember=remember)


def remembered() -> bool:
    """True when this browser holds a "keep me signed in" cookie."""
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies


@bp.route("/auth/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, key_func=_account_key, methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(db.session, form.email.data, form.password.data)
        except services.InvalidCredentials as error:
            db.session.rollback()
            form.password.errors.append(str(error.message))
        else:
            sign_in(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
    return render_template("accounts/login.html", form=form), form_status(form)


@bp.route("/auth/logout", methods=["POST"])
@members
def logout():
    services.end_session(db.session, current_user.session_token)
    db.session.commit()
    fresh_session()
    logout_user()  # after clearing: it marks the remember cookie for deletion
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))
