"""Pages reached from an e-mailed link: accepting an invitation, resetting a password."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from mediator_portal.accounts import jobs, services
from mediator_portal.accounts.forms import ForgotPasswordForm, NewPasswordForm
from mediator_portal.accounts.views.common import bp
from mediator_portal.extensions import db, limiter
from mediator_portal.forms import form_status
from mediator_portal.jobs import QueueUnavailable
from mediator_portal.mailer import link_base
from mediator_portal.permissions import public


@bp.errorhandler(services.TokenExpired)
def link_expired(_error):
    """An invitation or reset link past its age: a clear page, 410 Gone."""
    db.session.rollback()
    return render_template("accounts/link_invalid.html", expired=True), 410


@bp.errorhandler(services.TokenInvalid)
def link_invalid(_error):
    """A tampered, used or replaced link: a clear page, 404."""
    db.session.rollback()
    return render_template("accounts/link_invalid.html", expired=False), 404


@bp.route("/auth/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    user = services.read_token(db.session, token, services.INVITE)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.accept_invitation(db.session, token, form.password.data)
        except services.WeakPassword as error:
            form.password.errors.extend(error.problems)
        else:
            db.session.commit()
            flash(_("Your password is set. Welcome! You can now sign in."), "success")
            return redirect(url_for("accounts.login"))
    page = render_template("accounts/invitation.html", form=form, user=user)
    return page, form_status(form)


@bp.route("/auth/forgot", methods=["GET", "POST"])
@public
@limiter.limit("5 per 15 minutes", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_by_email(db.session, form.email.data)
        if user is not None and user.active and user.has_password:
            try:
                jobs.send_password_reset.enqueue(user.id, jobs.new_request_id(), link_base())
            except QueueUnavailable:
                current_app.logger.warning("password reset mail not queued for user %s", user.id)
        flash(
            _(
                "If an account exists for this address, we have sent it a link to choose a "
                "new password. The link works for two hours."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form), form_status(form)


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    services.read_token(db.session, token, services.RESET)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(db.session, token, form.password.data)
        except services.WeakPassword as error:
            form.password.errors.extend(error.problems)
        else:
            db.session.commit()
            flash(_("Your password has been changed. Please sign in."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form), form_status(form)
