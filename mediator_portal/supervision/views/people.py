"""Who supervises whom: the administrators' list and the page that assigns or moves one
mediator (with their history); a supervisor's supervisees and groups."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status, options
from mediator_portal.permissions import Permission, Role, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.forms import AssignForm, GroupForm
from mediator_portal.supervision.views.common import bp, form_failed


@bp.route("/assignments")
@requires(Permission.ADMIN)
def assignments():
    rows = services.assignment_rows(db.session)
    return render_template("supervision/assignments.html", rows=rows)


@bp.route("/assignments/<int:mediator_id>", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def assign(mediator_id: int):
    mediator = services.mediator_or_404(db.session, mediator_id)
    current = services.current_assignment(db.session, mediator_id)
    form, status = AssignForm(), None
    people = services.active_people(db.session, Role.SUPERVISOR)
    form.supervisor.choices = options([("", _("Choose…"))] + [(p.id, p.name) for p in people])
    if form.validate_on_submit():
        try:
            services.assign(
                db.session,
                actor=current_user,
                mediator_id=mediator_id,
                supervisor_id=form.supervisor.data,
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The supervisor is saved."), "success")
            return redirect(url_for("supervision.assignments"))
    page = render_template(
        "supervision/assign.html",
        mediator=mediator,
        current=current,
        history=services.history(db.session, mediator_id),
        form=form,
    )
    return page, form_status(form, status)


@bp.route("/supervisees")
@requires(Permission.SUPERVISION_PUBLISH)
def supervisees():
    return render_template(
        "supervision/supervisees.html",
        people=services.supervisees(db.session, current_user.id),
        groups=services.groups_of(db.session, current_user.id),
    )


def _group_page(form, group=None, status=None):
    page = render_template("supervision/group_form.html", form=form, group=group)
    return page, form_status(form, status)


def _member_choices(form) -> None:
    people = services.supervisees(db.session, current_user.id)
    form.members.choices = options((person.id, person.name) for person in people)


@bp.route("/groups/new", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def new_group():
    form, status = GroupForm(), None
    _member_choices(form)
    if form.validate_on_submit():
        try:
            services.create_group(
                db.session,
                supervisor=current_user,
                name=form.name.data,
                member_ids=form.members.data,
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The group is saved."), "success")
            return redirect(url_for("supervision.supervisees"))
    return _group_page(form, status=status)


@bp.route("/groups/<int:group_id>/edit", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def edit_group(group_id: int):
    group = services.group_or_404(db.session, current_user, group_id)
    form, status = GroupForm(obj=group), None
    _member_choices(form)
    if not form.is_submitted():
        form.members.data = [member.mediator_id for member in group.members]
    if form.validate_on_submit():
        try:
            services.update_group(
                db.session,
                group,
                supervisor=current_user,
                name=form.name.data,
                member_ids=form.members.data,
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The group is saved."), "success")
            return redirect(url_for("supervision.supervisees"))
    return _group_page(form, group, status)
