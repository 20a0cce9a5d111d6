"""One's own account: profile (name, languages, interface language) and password."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.accounts import services
from mediator_portal.accounts.forms import ChangePasswordForm, ProfileForm
from mediator_portal.accounts.views.auth import remembered, sign_in
from mediator_portal.accounts.views.common import bp
from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.i18n import SESSION_KEY
from mediator_portal.permissions import members


@bp.route("/account/profile", methods=["GET", "POST"])
@members
def profile():
    user = services.load_profile(db.session, current_user.id)
    form = ProfileForm(obj=user)
    if request.method == "GET":
        form.languages.data = user.language_codes
    if form.validate_on_submit():
        services.update_profile(
            user, name=form.name.data, languages=form.languages.data, locale=form.locale.data
        )
        db.session.commit()
        session[SESSION_KEY] = user.locale
        with force_locale(user.locale):  # the locale of this request is cached
            flash(_("Your profile has been saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, user=user), form_status(form)


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
            db.session.rollback()
            form.current.errors.append(_("The current password is not correct."))
        except services.WeakPassword as error:
            db.session.rollback()
            form.password.errors.extend(error.problems)
        else:
            sign_in(user, remember=remembered())
            flash(
                _("Your password has been changed. Other devices have been signed out."), "success"
            )
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/password.html", form=form), form_status(form)
