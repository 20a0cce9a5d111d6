"""Sections of the library, managed by trainers and admins."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from mediator_portal.extensions import db
from mediator_portal.forms import form_status, require_button
from mediator_portal.library import services
from mediator_portal.library.forms import SectionForm
from mediator_portal.library.views.common import bp, viewer
from mediator_portal.permissions import Permission, requires


@bp.route("/sections", methods=["GET", "POST"])
@requires(Permission.LIBRARY_MANAGE)
def sections():
    form = SectionForm()
    if form.validate_on_submit():
        services.create_section(
            db.session, actor=viewer(), name_el=form.name_el.data, name_en=form.name_en.data
        )
        db.session.commit()
        flash(_("The section is added."), "success")
        return redirect(url_for("library.sections"))
    rows = services.all_sections(db.session)
    counts = services.section_counts(db.session, viewer())
    page = render_template("library/sections.html", form=form, sections=rows, counts=counts)
    return page, form_status(form)


@bp.route("/sections/<int:section_id>/edit", methods=["GET", "POST"])
@requires(Permission.LIBRARY_MANAGE)
def edit_section(section_id: int):
    section = services.get_section(db.session, section_id)
    form = SectionForm(obj=section)
    if form.validate_on_submit():
        services.update_section(
            db.session,
            section,
            actor=viewer(),
            name_el=form.name_el.data,
            name_en=form.name_en.data,
        )
        db.session.commit()
        flash(_("The section is saved."), "success")
        return redirect(url_for("library.sections"))
    page = render_template("library/section_form.html", form=form, section=section)
    return page, form_status(form)


@bp.route("/sections/<int:section_id>/<any(up, down):direction>", methods=["POST"])
@requires(Permission.LIBRARY_MANAGE)
def move_section(section_id: int, direction: str):
    section = services.get_section(db.session, section_id)
    require_button()
    services.move_section(db.session, section, actor=viewer(), direction=direction)
    db.session.commit()
    return redirect(url_for("library.sections"))


@bp.route("/sections/<int:section_id>/delete", methods=["POST"])
@requires(Permission.LIBRARY_MANAGE)
def delete_section(section_id: int):
    section = services.get_section(db.session, section_id)
    require_button()
    services.delete_section(db.session, section, actor=viewer())
    db.session.commit()
    flash(_("The section is deleted."), "success")
    return redirect(url_for("library.sections"))
