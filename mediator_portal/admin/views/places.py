"""Admin pages for regions and municipalities: list, create, rename, deactivate, reactivate."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from mediator_portal.accounts.services import Municipality, Region
from mediator_portal.admin import services
from mediator_portal.admin.forms import MunicipalityForm, RegionForm, place_choices
from mediator_portal.admin.views.common import acting, bp, locale
from mediator_portal.arguments import query_int
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, require_button
from mediator_portal.permissions import Permission, requires


def _taken(form: RegionForm, error: services.NameTaken, *, municipality: bool = False) -> None:
    db.session.rollback()
    if municipality:
        message = _("Another municipality of this region already has this name.")
    else:
        message = _("Another region already has this name.")
    getattr(form, error.field).errors.append(message)


@bp.route("/regions")
@requires(Permission.ADMIN)
def regions() -> str:
    regions = services.regions_with_municipalities(db.session)
    return render_template("admin/regions.html", regions=regions)


@bp.route("/regions/new", methods=["GET", "POST"], defaults={"region_id": None})
@bp.route("/regions/<int:region_id>", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def edit_region(region_id: int | None):
    region = db.get_or_404(Region, region_id) if region_id is not None else None
    form = RegionForm(obj=region)
    if form.validate_on_submit():
        try:
            services.save_region(
                db.session, acting(), region, name=form.name.data, name_en=form.name_en.data or ""
            )
        except services.NameTaken as error:
            _taken(form, error)
        else:
            db.session.commit()
            flash(_("The region has been saved."), "success")
            return redirect(url_for("admin.regions"))
    page = render_template("admin/region_form.html", form=form, region=region)
    return page, form_status(form)


@bp.route("/municipalities/new", methods=["GET", "POST"], defaults={"municipality_id": None})
@bp.route("/municipalities/<int:municipality_id>", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def edit_municipality(municipality_id: int | None):
    place = db.get_or_404(Municipality, municipality_id) if municipality_id is not None else None
    form = MunicipalityForm(obj=place, region_id=query_int("region"))
    regions = services.regions_with_municipalities(db.session)
    form.region_id.choices = place_choices(regions, locale(), empty=_("Choose a region"))
    if form.validate_on_submit():
        region = db.session.get(Region, form.region_id.data)
        try:
            services.save_municipality(
                db.session,
                acting(),
                place,
                region=region,
                name=form.name.data,
                name_en=form.name_en.data or "",
            )
        except services.NameTaken as error:
            _taken(form, error, municipality=True)
        else:
            db.session.commit()
            flash(_("The municipality has been saved."), "success")
            return redirect(url_for("admin.regions"))
    page = render_template("admin/municipality_form.html", form=form, place=place)
    return page, form_status(form)


@bp.route("/regions/<int:place_id>/deactivate", methods=["POST"], defaults={"active": False})
@bp.route("/regions/<int:place_id>/reactivate", methods=["POST"], defaults={"active": True})
@requires(Permission.ADMIN)
def region_status(place_id: int, active: bool) -> Response:
    return _set_active(db.get_or_404(Region, place_id), active)


@bp.route("/municipalities/<int:place_id>/deactivate", methods=["POST"], defaults={"active": False})
@bp.route("/municipalities/<int:place_id>/reactivate", methods=["POST"], defaults={"active": True})
@requires(Permission.ADMIN)
def municipality_status(place_id: int, active: bool) -> Response:
    return _set_active(db.get_or_404(Municipality, place_id), active)


def _set_active(place: Region | Municipality, active: bool) -> Response:
    require_button()
    services.set_place_active(db.session, acting(), place, active)
    db.session.commit()
    if active:
        flash(_("%(name)s is active again.", name=place.name), "success")
    else:
        flash(_("%(name)s has been deactivated.", name=place.name), "success")
    return redirect(url_for("admin.regions"))
