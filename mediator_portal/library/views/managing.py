"""Adding (a link, or files: one item per file), editing, replacing a file, deleting,
restoring and purging (trainers and admins; purge: admins)."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from mediator_portal import storage
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forms import ButtonForm, form_status, json_invalid, require_button
from mediator_portal.library import services
from mediator_portal.library.forms import FILE, EditItemForm, NewItemForm, ReplaceForm
from mediator_portal.library.views.common import bp, load_item, section_form_kwargs, viewer
from mediator_portal.permissions import Permission, requires
from mediator_portal.security import accepts_uploads


def _refused(field, error) -> int:
    """Show a refused file's message beside `field`; returns the status to answer."""
    db.session.rollback()
    field.errors = [*field.errors, str(error.message)]
    return error.status


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.LIBRARY_MANAGE)
@accepts_uploads
def new_item():
    form = NewItemForm(**section_form_kwargs())
    status = None
    if form.validate_on_submit():
        values = form.values()
        try:
            if form.kind.data == FILE:
                uploads = form.chosen_files()
                if len(uploads) > 1:
                    values["title"] = ""  # several files: each is titled after its name
                items = [
                    services.create_file_item(db.session, upload, actor=viewer(), **values)
                    for upload in uploads
                ]
            else:
                items = [
                    services.create_link(db.session, actor=viewer(), url=form.url.data, **values)
                ]
        except storage.UploadRefused as error:
            status = _refused(form.files, error)
        except services.BadLink as error:
            status = _refused(form.url, error)
        else:
            db.session.commit()
            flash(
                ngettext("%(num)s item was added.", "%(num)s items were added.", len(items)),
                "success",
            )
            if len(items) == 1:
                return redirect(url_for("library.item", item_id=items[0].id))
            return redirect(url_for("library.index"))
    return render_template("library/new.html", form=form), form_status(form, status)


@bp.route("/upload.json", methods=["POST"])
@requires(Permission.LIBRARY_MANAGE)
@accepts_uploads
@json_view
def upload():
    """One file of the page's uploader (static/js/library/upload.js), with the new-item
    form's other fields: the new item as JSON, or the refusal ({error, message}, 400/413)."""
    form = NewItemForm(**section_form_kwargs())
    form.kind.data = FILE
    if not form.validate_on_submit():
        return json_invalid(form)
    uploads = form.chosen_files()
    if len(uploads) != 1:
        raise services.OneFileAtATime()
    values = form.values()
    item = services.create_file_item(db.session, uploads[0], actor=viewer(), **values)
    db.session.commit()
    return jsonify(id=item.id, title=item.title, url=url_for("library.item", item_id=item.id)), 201


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@requires(Permission.LIBRARY_MANAGE)
def edit_item(item_id: int):
    item = load_item(item_id)
    form = EditItemForm(obj=item, **section_form_kwargs())
    if request.method == "GET":
        form.section.data = item.section_id or 0
        form.languages.data = list(item.language_codes)
        form.visible_to.data = sorted(item.visible_roles)
        form.tags.data = ", ".join(tag.name for tag in item.tags)
    status = None
    if form.validate_on_submit():
        values = form.values()
        if item.kind == "link":
            values["url"] = form.url.data
        try:
            services.update_item(db.session, item, actor=viewer(), **values)
        except services.BadLink as error:
            status = _refused(form.url, error)
        else:
            db.session.commit()
            flash(_("The item is saved."), "success")
            return redirect(url_for("library.item", item_id=item.id))
    return render_template("library/edit.html", form=form, item=item), form_status(form, status)


@bp.route("/items/<int:item_id>/replace", methods=["GET", "POST"])
@requires(Permission.LIBRARY_MANAGE)
@accepts_uploads
def replace_file(item_id: int):
    item = load_item(item_id)
    if item.kind != "file":
        raise services.NotAFile()
    form = ReplaceForm()
    status = None
    if form.validate_on_submit():
        try:
            services.replace_file(
                db.session, item, form.file.data, actor=viewer(), note=form.note.data
            )
        except storage.UploadRefused as error:
            status = _refused(form.file, error)
        else:
            db.session.commit()
            flash(_("The new version is added; the earlier ones are kept."), "success")
            return redirect(url_for("library.item", item_id=item.id))
    return render_template("library/replace.html", form=form, item=item), form_status(form, status)


@bp.route("/items/<int:item_id>/delete", methods=["GET", "POST"])
@requires(Permission.LIBRARY_MANAGE)
def delete_item(item_id: int):
    item = load_item(item_id)
    form = ButtonForm()
    if form.validate_on_submit():
        services.delete_item(db.session, item, actor=viewer())
        db.session.commit()
        flash(
            _("The item is deleted. Its files are kept until an administrator purges it."),
            "success",
        )
        return redirect(url_for("library.index"))
    if request.method == "POST":
        require_button()
    return render_template("library/delete.html", item=item, form=form, purge=False)


@bp.route("/items/<int:item_id>/restore", methods=["POST"])
@requires(Permission.LIBRARY_MANAGE)
def restore_item(item_id: int):
    item = load_item(item_id)
    require_button()
    services.restore_item(db.session, item, actor=viewer())
    db.session.commit()
    flash(_("The item is back in the library."), "success")
    return redirect(url_for("library.item", item_id=item.id))


@bp.route("/items/<int:item_id>/purge", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def purge_item(item_id: int):
    item = load_item(item_id)
    if not item.deleted:
        raise services.NotAllowed()
    form = ButtonForm()
    if form.validate_on_submit():
        services.purge_item(db.session, item, actor=viewer())
        db.session.commit()
        flash(_("The item and its files are removed for good."), "success")
        return redirect(url_for("library.index", show="deleted"))
    if request.method == "POST":
        require_button()
    return render_template("library/delete.html", item=item, form=form, purge=True)
