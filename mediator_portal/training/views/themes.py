"""The themes trainers keep: the list, adding one, renaming or archiving one."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import ThemeForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import bp, form_failed


@bp.route("/themes", methods=["GET", "POST"])
@requires(Permission.TRAINING_MANAGE)
def themes():
    form, status = ThemeForm(), None
    if form.validate_on_submit():
        try:
            services.create_theme(
                db.session, actor=current_user, name_el=form.name_el.data, name_en=form.name_en.data
            )
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The theme is added."), "success")
            return redirect(url_for("training.themes"))
    listed = services.themes(db.session, include_archived=True)
    page = render_template("training/themes.html", themes=listed, form=form)
    return page, form_status(form, status)


@bp.route("/themes/<int:theme_id>/edit", methods=["GET", "POST"])
@requires(Permission.TRAINING_MANAGE)
def edit_theme(theme_id: int):
    theme = services.get_theme(db.session, theme_id)
    form, status = ThemeForm(obj=theme), None
    if form.validate_on_submit():
        try:
            services.update_theme(
                db.session,
                theme,
                actor=current_user,
                name_el=form.name_el.data,
                name_en=form.name_en.data,
                archived=form.archived.data,
            )
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The theme is saved."), "success")
            return redirect(url_for("training.themes"))
    page = render_template("training/theme.html", theme=theme, form=form)
    return page, form_status(form, status)
