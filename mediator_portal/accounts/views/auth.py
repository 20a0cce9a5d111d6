"""Signing in and out, and the Flask-Login wiring: the cookie holds a login-session token,
checked on every request.

Throttling (docs/security.md): failed sign-ins are refused with 429 above `LOGIN_LIMIT`
per address; per account, above `LOGIN_ACCOUNT_LIMIT` the right password gets a one-time
sign-in link by e-mail instead of a session, and right and wrong passwords get the same
page, so a stranger can neither lock the owner out nor learn whether a guess was right.
"""

from urllib.parse import urlsplit

from flask import (
    Flask,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from mediator_portal.accounts import jobs, services
from mediator_portal.accounts.forms import LoginForm
from mediator_portal.accounts.views.common import bp, fresh_session
from mediator_portal.database import write_on_the_side
from mediator_portal.extensions import db, limiter, login_manager
from mediator_portal.forms import ButtonForm, form_status
from mediator_portal.jobs import QueueUnavailable
from mediator_portal.mailer import link_base
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
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        if services.under_protection(form.email.data):
            return _second_proof(form)
        try:
            user = services.authenticate(db.session, form.email.data, form.password.data)
        except services.InvalidCredentials as error:
            db.session.rollback()
            services.record_failed_sign_in(form.email.data)
            form.password.errors.append(str(error.message))
        else:
            services.clear_failed_sign_ins(form.email.data)
            sign_in(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
    return render_template("accounts/login.html", form=form), form_status(form)


def _second_proof(form: LoginForm):
    """The account is under protection: the right password gets a sign-in link by e-mail,
    a wrong one counts as one more failure, and both get the same page (200)."""
    try:
        user = services.authenticate(db.session, form.email.data, form.password.data)
    except services.InvalidCredentials:
        db.session.rollback()
        services.record_failed_sign_in(form.email.data)
    else:
        db.session.rollback()  # a password rehash waits for a direct sign-in
        _mail_sign_in_link(user, remember=form.remember.data)
    flash(protection_notice(current_app.config["LOGIN_LINK_MAX_AGE"] // 60), "info")
    return render_template("accounts/login.html", form=form)


def protection_notice(minutes: int) -> str:
    """What the page says to anyone who signs in to an account under protection."""
    return ngettext(
        "After several failed attempts, the password alone no longer signs in to this "
        "account for a while. If the password was right, we have e-mailed a link to finish "
        "signing in; it works for %(num)d minute and only once.",
        "After several failed attempts, the password alone no longer signs in to this "
        "account for a while. If the password was right, we have e-mailed a link to finish "
        "signing in; it works for %(num)d minutes and only once.",
        minutes,
    )


def _mail_sign_in_link(user, *, remember: bool) -> None:
    """Queue the e-mail of a one-time sign-in link for `user` once the response has been
    sent (the worker makes the link and sends it): the page must come back as fast as for
    a wrong password, or its timing would tell."""
    app = current_app._get_current_object()
    user_id, request_id, base = user.id, jobs.new_request_id(), link_base()

    def enqueue() -> None:
        try:
            jobs.send_sign_in_link.enqueue(user_id, bool(remember), request_id, base)
        except QueueUnavailable:
            app.logger.warning("sign-in link mail not queued for user %s", user_id)

    @after_this_request
    def enqueue_after(response):
        response.call_on_close(enqueue)
        return response


@bp.route("/auth/sign-in/<token>", methods=["GET", "POST"])
@public
def sign_in_link(token: str):
    """The e-mailed link: a page with one button (a GET alone, as mail scanners make, signs
    nobody in); the button signs in with the same rules as the password."""
    try:
        link = services.read_sign_in_token(db.session, token)
    except (services.TokenInvalid, services.TokenExpired) as error:
        db.session.rollback()
        expired = isinstance(error, services.TokenExpired)
        page = render_template("accounts/link_invalid.html", expired=expired, sign_in=True)
        return page, error.status
    form = ButtonForm()
    if form.validate_on_submit():
        services.clear_failed_sign_ins(link.user.email)
        sign_in(link.user, remember=link.remember)
        flash(_("You are signed in."), "success")
        return redirect(url_for("home.index"))
    page = render_template("accounts/sign_in_link.html", form=form, user=link.user)
    return page, form_status(form)


@bp.route("/auth/logout", methods=["POST"])
@members
def logout():
    services.end_session(db.session, current_user.session_token)
    db.session.commit()
    fresh_session()
    logout_user()  # after clearing: it marks the remember cookie for deletion
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))
