"""Admin pages for accounts: list and search, invite, edit, role, deactivate, re-send invitation."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from mediator_portal.accounts import services as accounts
from mediator_portal.accounts.services import Municipality, User, language_name
from mediator_portal.admin import jobs as invitation_jobs
from mediator_portal.admin import services
from mediator_portal.admin.forms import (
    InviteForm,
    RoleForm,
    UserFilterForm,
    UserForm,
    place_choices,
)
from mediator_portal.admin.views.common import acting, bp, locale, page_number, per_page
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, require_button, valid_data
from mediator_portal.jobs import QueueUnavailable
from mediator_portal.mailer import link_base
from mediator_portal.permissions import Permission, requires, role_label


def send_invitation(user: User) -> bool:
    """Queue the invitation e-mail of `user` (the worker sends it, once); False when the
    queue could not take it."""
    try:
        invitation_jobs.send_invitation.enqueue(user.id, link_base())
    except QueueUnavailable:
        return False
    return True


def _flash_sent(user: User, sent: bool, done: str) -> None:
    if sent:
        flash(done, "success")
    else:
        flash(
            _(
                "The account of %(email)s is kept, but the invitation e-mail could not be sent. "
                "You can re-send the invitation from the account page.",
                email=user.email,
            ),
            "warning",
        )


def _municipality_choices(form: UserForm, user: User | None = None) -> None:
    # Active places of active regions, plus the account's own even if deactivated since.
    places = [m for m in accounts.active_municipalities(db.session) if m.region.active]
    if user is not None and user.municipality is not None and user.municipality not in places:
        places.append(user.municipality)
    form.municipality_id.choices = place_choices(places, locale())


def _details(form: UserForm) -> dict:
    municipality = None
    if form.municipality_id.data is not None:
        municipality = db.session.get(Municipality, form.municipality_id.data)
    return {
        "name": form.name.data,
        "email": form.email.data,
        "municipality": municipality,
        "languages": form.languages.data or [],
        "locale": form.locale.data,
    }


@bp.route("/users")
@requires(Permission.ADMIN)
def users() -> str:
    form = UserFilterForm(formdata=request.args)
    regions = services.regions_with_municipalities(db.session)
    form.region_id.choices = place_choices(regions, locale(), empty=_("All regions"))
    form.municipality_id.choices = place_choices(
        [m for region in regions for m in region.municipalities],
        locale(),
        empty=_("All municipalities"),
    )
    data = valid_data(form)
    filters = services.UserFilters(
        query=data["q"] or "",
        role=data["role"] or None,
        status=data["status"] or None,
        region_id=data["region_id"],
        municipality_id=data["municipality_id"],
    )
    page = db.paginate(
        services.users_query(filters), page=page_number(), per_page=per_page(), error_out=False
    )
    args = {k: v for k, v in request.args.items() if k in form.data and k not in form.errors}
    return render_template(
        "admin/users.html", form=form, page=page, args=args, language_name=language_name
    )


@bp.route("/users/new", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def invite_user() -> str | tuple[str, int] | Response:
    form = InviteForm()
    _municipality_choices(form)
    if form.validate_on_submit():
        try:
            user = services.invite(db.session, acting(), role=form.role.data, **_details(form))
        except accounts.EmailTaken:
            db.session.rollback()
            form.email.errors.append(_("An account with this e-mail already exists."))
        else:
            db.session.commit()
            sent = send_invitation(user)
            _flash_sent(user, sent, _("%(email)s has been invited.", email=user.email))
            return redirect(url_for("admin.users"))
    return render_template("admin/user_new.html", form=form), form_status(form)


def _load(user_id: int) -> User:
    """The account with everything its page shows; 404 when there is none."""
    return accounts.load_profile(db.session, user_id) or abort(404)


def _render_user(user: User, form: UserForm, role_form: RoleForm, status: int = 200):
    entries = db.session.scalars(services.audit_query(target=user).limit(10))
    return render_template(
        "admin/user_edit.html",
        user=user,
        form=form,
        role_form=role_form,
        entries=list(entries),
        is_self=user.id == current_user.id,
    ), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def edit_user(user_id: int):
    user = _load(user_id)
    form = UserForm(obj=user)
    _municipality_choices(form, user)
    if request.method == "GET":
        form.languages.data = user.language_codes
    elif form.validate_on_submit():
        try:
            changed = services.update_user(db.session, acting(), user, **_details(form))
        except accounts.EmailTaken:
            db.session.rollback()
            form.email.errors.append(_("Another account already uses this e-mail."))
        else:
            db.session.commit()
            flash(_("The account has been saved.") if changed else _("Nothing changed."), "info")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return _render_user(user, form, RoleForm(formdata=None, role=user.role), form_status(form))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@requires(Permission.ADMIN)
def change_role(user_id: int):
    user = _load(user_id)
    role_form = RoleForm()
    if not role_form.validate_on_submit():
        form = UserForm(formdata=None, obj=user)
        _municipality_choices(form, user)
        form.languages.data = user.language_codes
        return _render_user(user, form, role_form, form_status(role_form))
    try:
        services.change_role(db.session, acting(), user, role_form.role.data)
    except services.CannotDemoteSelf:
        flash(_("You cannot remove your own administrator role."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    db.session.commit()
    role = role_label(user.role)
    flash(_("The role of %(name)s is now: %(role)s.", name=user.name, role=role), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@requires(Permission.ADMIN)
def deactivate_user(user_id: int) -> Response:
    user = db.get_or_404(User, user_id)
    require_button()
    try:
        services.deactivate_user(db.session, acting(), user)
    except services.CannotDeactivateSelf:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    db.session.commit()
    flash(_("%(name)s has been deactivated and signed out everywhere.", name=user.name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@requires(Permission.ADMIN)
def reactivate_user(user_id: int) -> Response:
    user = db.get_or_404(User, user_id)
    require_button()
    services.reactivate_user(db.session, acting(), user)
    db.session.commit()
    flash(_("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/resend", methods=["POST"])
@requires(Permission.ADMIN)
def resend_invitation(user_id: int) -> Response:
    user = db.get_or_404(User, user_id)
    require_button()
    try:
        services.resend_invitation(db.session, acting(), user)
    except services.InvitationNotPending:
        flash(_("This account has no pending invitation to re-send."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    db.session.commit()
    sent = send_invitation(user)
    _flash_sent(user, sent, _("A new invitation has been sent to %(email)s.", email=user.email))
    return redirect(url_for("admin.edit_user", user_id=user.id))
