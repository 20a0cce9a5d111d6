"""Category management by admins: create, edit, order, archive."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import ButtonForm
from mediator_portal.forums import services
from mediator_portal.forums.forms import CategoryForm
from mediator_portal.forums.models import Category
from mediator_portal.forums.views.common import bp
from mediator_portal.permissions import Permission, requires

FIELDS = ("name_el", "name_en", "description_el", "description_en", "sensitive")


def _values(form: CategoryForm) -> dict:
    values = {name: getattr(form, name).data for name in FIELDS}
    values["visible_to"] = form.visible_to.data or []
    values["can_start_topics"] = form.can_start_topics.data or []
    return values


@bp.route("/admin/categories")
@requires(Permission.ADMIN)
def admin_categories():
    categories = services.all_categories(db.session)
    return render_template("forums/admin_categories.html", categories=categories)


@bp.route("/admin/categories/new", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def admin_new_category():
    form = CategoryForm()
    if form.validate_on_submit():
        services.create_category(db.session, actor=current_user, **_values(form))
        db.session.commit()
        flash(_("The category is created."), "success")
        return redirect(url_for("forums.admin_categories"))
    page = render_template("forums/category_form.html", form=form, category=None)
    return page, 422 if form.errors else 200


@bp.route("/admin/categories/<int:category_id>/edit", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def admin_edit_category(category_id: int):
    category = db.get_or_404(Category, category_id)
    form = CategoryForm(obj=category)
    if request.method == "GET":
        form.visible_to.data = sorted(category.visible_roles)
        form.can_start_topics.data = sorted(category.starter_roles)
    if form.validate_on_submit():
        services.update_category(db.session, category, actor=current_user, **_values(form))
        db.session.commit()
        flash(_("The category is saved."), "success")
        return redirect(url_for("forums.admin_categories"))
    page = render_template("forums/category_form.html", form=form, category=category)
    return page, 422 if form.errors else 200


@bp.route("/admin/categories/<int:category_id>/<any(up, down):direction>", methods=["POST"])
@requires(Permission.ADMIN)
def admin_move_category(category_id: int, direction: str):
    category = db.get_or_404(Category, category_id)
    if ButtonForm().validate_on_submit():
        services.move_category(db.session, category, actor=current_user, direction=direction)
        db.session.commit()
    return redirect(url_for("forums.admin_categories"))


@bp.route("/admin/categories/<int:category_id>/archive", methods=["POST"])
@requires(Permission.ADMIN)
def admin_archive_category(category_id: int):
    category = db.get_or_404(Category, category_id)
    if ButtonForm().validate_on_submit():
        archived = request.form.get("value") == "1"
        services.set_archived(db.session, category, actor=current_user, archived=archived)
        db.session.commit()
        flash(
            _("The category is archived.") if archived else _("The category is open again."),
            "success",
        )
    return redirect(url_for("forums.admin_categories"))
