"""Sign-in, sign-out, invitation and password pages, and one's own profile."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from mediator_portal.accounts import invitations, services
from mediator_portal.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
)
from mediator_portal.extensions import db, limiter
from mediator_portal.i18n import SESSION_KEY
from mediator_portal.mailer import MailError, external_url, send_email
from mediator_portal.permissions import members, public

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _account_key() -> str:
    return "account:" + services.normalize_email(request.form.get("email", ""))


def _failed(response) -> bool:
    # Only attempts that did not sign in count towards the limits.
    return response.status_code != 302


def _safe_next(target: str | None) -> str | None:
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


def _fresh_session() -> None:
    """Empty the browser session, keeping only the chosen interface language."""
    lang = session.get(SESSION_KEY)
    session.clear()
    if lang:
        session[SESSION_KEY] = lang


def sign_in(user, *, remember: bool) -> None:
    """Renew the browser session and open a new login session for `user` (commits)."""
    _fresh_session()
    services.start_session(
        db.session, user, ip=request.remote_addr, user_agent=request.user_agent.string
    )
    db.session.commit()
    login_user(user, remember=remember)


def _remembered() -> bool:
    """True when this browser holds a "keep me signed in" cookie."""
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies


@bp.route("/auth/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, key_func=_account_key, methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")) or url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(db.session, form.email.data, form.password.data)
        except services.InvalidCredentials:
            db.session.rollback()
            form.password.errors.append(_("The e-mail or the password is not correct."))
        else:
            sign_in(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")) or url_for("home.index"))
    return render_template("accounts/login.html", form=form)


@bp.route("/auth/logout", methods=["POST"])
@members
def logout():
    services.end_session(db.session, current_user.session_token)
    db.session.commit()
    _fresh_session()
    logout_user()  # after clearing: it marks the remember cookie for deletion
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.errorhandler(invitations.TokenExpired)
def link_expired(_error):
    """An invitation or reset link past its age: a clear page, 410 Gone."""
    return render_template("accounts/link_invalid.html", expired=True), 410


@bp.errorhandler(invitations.TokenInvalid)
def link_invalid(_error):
    """A tampered, used or replaced link: a clear page, 404."""
    return render_template("accounts/link_invalid.html", expired=False), 404


@bp.route("/auth/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    user = invitations.read_token(db.session, token, invitations.INVITE)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            invitations.accept_invitation(db.session, token, form.password.data)
        except services.WeakPassword as error:
            form.password.errors.extend(error.problems)
        else:
            db.session.commit()
            flash(_("Your password is set. Welcome! You can now sign in."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/invitation.html", form=form, user=user)


@bp.route("/auth/forgot", methods=["GET", "POST"])
@public
@limiter.limit("5 per 15 minutes", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_by_email(db.session, form.email.data)
        if user is not None and user.active and user.has_password:
            link = external_url(
                "accounts.reset_password", token=invitations.make_token(user, invitations.RESET)
            )
            try:
                send_email(
                    user.email,
                    _l("Reset your password"),
                    "password_reset",
                    locale=user.locale,
                    user=user,
                    link=link,
                )
            except MailError:
                current_app.logger.warning("password reset mail failed for user %s", user.id)
        flash(
            _(
                "If an account exists for this address, we have sent it a link to choose a "
                "new password. The link works for two hours."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form)


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    invitations.read_token(db.session, token, invitations.RESET)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            invitations.reset_password(db.session, token, form.password.data)
        except services.WeakPassword as error:
            form.password.errors.extend(error.problems)
        else:
            db.session.commit()
            flash(_("Your password has been changed. Please sign in."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form)


@bp.route("/account/profile", methods=["GET", "POST"])
@members
def profile():
    form = ProfileForm(obj=current_user)
    if request.method == "GET":
        form.languages.data = current_user.language_codes
    if form.validate_on_submit():
        services.update_profile(
            current_user,
            name=form.name.data,
            languages=form.languages.data,
            locale=form.locale.data,
        )
        db.session.commit()
        session[SESSION_KEY] = current_user.locale
        with force_locale(current_user.locale):  # the locale of this request is cached
            flash(_("Your profile has been saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@members
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(
                db.session, user, current=form.current.data, new=form.password.data
            )
        except services.InvalidCredentials:
            form.current.errors.append(_("The current password is not correct."))
        except services.WeakPassword as error:
            form.password.errors.extend(error.problems)
        else:
            sign_in(user, remember=_remembered())
            flash(
                _("Your password has been changed. Other devices have been signed out."), "success"
            )
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/password.html", form=form)
