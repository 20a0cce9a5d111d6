"""Training records: a member's own record (every member), everyone's totals and one
member's record (trainers and administrators), filtered by Athens calendar days and, for
the overview, by region or municipality. Invalid filters are shown with their message
(422) and count as unset."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, valid_data
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import PeriodForm, RecordsFilterForm
from mediator_portal.training.views.common import bp, locale


def period_of(data: dict) -> services.Period:
    return services.Period(first=data.get("since"), last=data.get("until"))


def kept_args(form) -> dict[str, str]:
    """The query's valid, non-empty filters, for links (exports, a member's record)."""
    return {
        name: value
        for name, value in request.args.items()
        if name in form.data and name not in form.errors and value
    }


def records_filters() -> tuple[RecordsFilterForm, dict]:
    """The overview's filter form from the query string (choices in the request's
    language) and the data of its valid fields."""
    form = RecordsFilterForm(formdata=request.args)
    here = locale()
    places = accounts.active_municipalities(db.session)
    regions = {place.region.id: place.region for place in places}
    form.region_id.choices = [SelectChoice("", _("All regions"))] + [
        SelectChoice(str(region.id), region.label(here))
        for region in sorted(regions.values(), key=lambda region: region.label(here))
    ]
    form.municipality_id.choices = [SelectChoice("", _("All municipalities"))] + [
        SelectChoice(str(place.id), place.label(here))
        for place in sorted(places, key=lambda place: place.label(here))
    ]
    return form, valid_data(form)


def overview_rows(data: dict) -> list[services.MemberTotals]:
    return services.records_overview(
        db.session,
        period_of(data),
        region_id=data["region_id"],
        municipality_id=data["municipality_id"],
        locale=locale(),
    )


def _record_page(user_id: int, own: bool):
    form = PeriodForm(formdata=request.args)
    member = services.get_member(db.session, user_id)
    record = services.record_of(db.session, member, period_of(valid_data(form)))
    page = render_template(
        "training/record.html",
        form=form,
        record=record,
        own=own,
        args=kept_args(form),
        status_labels=services.ATTENDANCE_LABELS,
    )
    return page, form_status(form)


@bp.route("/record")
@requires(Permission.TOPIC_PROPOSE)
def my_record():
    return _record_page(current_user.id, own=True)


@bp.route("/records/<int:user_id>")
@requires(Permission.TRAINING_MANAGE)
def member_record(user_id: int):
    return _record_page(user_id, own=False)


@bp.route("/records")
@requires(Permission.TRAINING_MANAGE)
def records():
    form, data = records_filters()
    rows = overview_rows(data)
    page = render_template(
        "training/records.html",
        form=form,
        rows=rows,
        total=services.grand_total(rows),
        args=kept_args(form),
    )
    return page, form_status(form)
