"""Supervision hours for trainers and administrators: the totals per mediator and per
region in a period (hours and counts only, never a comment), as a page and as CSV/XLSX;
and the administrators' periods with their hours targets."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.arguments import BadArgument
from mediator_portal.exports import export_response
from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.forms import PeriodForm
from mediator_portal.supervision.services import hours_errors
from mediator_portal.supervision.views.common import bp
from mediator_portal.supervision.views.hours import calendar_days

ALL = "all"


def _locale() -> str:
    return str(get_locale() or "el")


def period_arg():
    """?period=<id> or "all" (missing: the current period, else all). Raises BadArgument,
    NotFound."""
    raw = request.args.get("period", "")
    if raw == ALL:
        return None
    if not raw:
        return services.current_period(db.session)
    if not raw.isdigit() or len(raw) > 12:
        raise BadArgument()
    return services.period_or_404(db.session, int(raw))


@bp.route("/hours/totals")
@requires(Permission.SUPERVISION_HOURS_ALL)
def totals():
    period = period_arg()
    rows = services.totals(db.session, period, _locale())
    return render_template(
        "supervision/hours_totals.html",
        period=period,
        periods=services.periods(db.session),
        rows=rows,
        regions=services.by_region(rows),
        chosen=str(period.id) if period else ALL,
        below=services.below,
        **calendar_days(),
    )


def _mediator_rows(period, rows):
    headers = [
        _("Name"),
        _("Municipality"),
        _("Region"),
        _("Individual hours"),
        _("Group hours"),
        _("Total hours"),
        _("Sessions attended"),
        _("No-shows"),
        _("Late cancellations"),
    ]
    if period is not None:
        headers.append(_("Hours below the target"))
    table = []
    for row in rows:
        sums = row.sums
        line = [row.name, row.municipality, row.region, sums.individual, sums.group]
        line += [sums.hours, sums.attended, sums.no_show, sums.late]
        if period is not None:
            line.append(services.below(period, sums))
        table.append(line)
    return headers, table


def _region_rows(rows):
    headers = [
        _("Region"),
        _("Mediators"),
        _("Individual hours"),
        _("Group hours"),
        _("Total hours"),
        _("Sessions attended"),
        _("No-shows"),
        _("Late cancellations"),
    ]
    table = [
        [
            region.region or _("No region"),
            region.mediators,
            region.sums.individual,
            region.sums.group,
            region.sums.hours,
            region.sums.attended,
            region.sums.no_show,
            region.sums.late,
        ]
        for region in services.by_region(rows)
    ]
    return headers, table


@bp.route("/hours/totals.<any(csv, xlsx):kind>")
@requires(Permission.SUPERVISION_HOURS_ALL)
def totals_export(kind: str):
    period = period_arg()
    rows = services.totals(db.session, period, _locale())
    by = request.args.get("by", "mediator")
    if by not in ("mediator", "region"):
        raise BadArgument()
    headers, table = _region_rows(rows) if by == "region" else _mediator_rows(period, rows)
    title = _("Supervision hours per region") if by == "region" else _("Supervision hours")
    name = f"{title} {period.name if period else _('all time')}"
    return export_response(kind, name, headers, table)


@bp.route("/periods")
@requires(Permission.ADMIN)
def periods():
    return render_template(
        "supervision/hours_periods.html", periods=services.periods(db.session), **calendar_days()
    )


PERIOD_FIELDS = {
    hours_errors.PeriodNameRequired: "name",
    hours_errors.PeriodNameTooLong: "name",
    hours_errors.BadPeriodDays: "ends_on",
    hours_errors.BadTarget: "target_hours",
}


def _period_form(period=None):
    form, status = PeriodForm(obj=period), None
    if form.validate_on_submit():
        try:
            services.save_period(
                db.session,
                actor=current_user,
                name=form.name.data,
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                target_hours=form.target_hours.data,
                period=period,
            )
        except services.SupervisionError as error:
            db.session.rollback()
            field = getattr(form, PERIOD_FIELDS.get(type(error), "name"))
            field.errors = [*field.errors, str(error.message)]
            status = error.status
        else:
            db.session.commit()
            flash(_("The period is saved."), "success")
            return redirect(url_for("supervision.periods"))
    page = render_template("supervision/hours_period_form.html", form=form, period=period)
    return page, form_status(form, status)


@bp.route("/periods/new", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def new_period():
    return _period_form()


@bp.route("/periods/<int:period_id>/edit", methods=["GET", "POST"])
@requires(Permission.ADMIN)
def edit_period(period_id: int):
    return _period_form(services.period_or_404(db.session, period_id))
