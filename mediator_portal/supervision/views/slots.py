"""The supervisor's slots: the week (with who booked) and month views, publishing a slot
(one-off or weekly), changing it, cancelling it or a series from a day on."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status, options
from mediator_portal.i18n import N_
from mediator_portal.month_calendar import month_argument
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.forms import CancelForm, EditSlotForm, SlotForm
from mediator_portal.supervision.views.common import bp, form_failed, today, week_arg
from mediator_portal.timezones import to_local

AMBIGUOUS = N_(
    "That time happens twice that night, when the clocks go back: the slot is set at the "
    "first one (summer time)."
)


@bp.route("/")
@requires(Permission.SUPERVISION_PUBLISH)
def week():
    shown = services.supervisor_week(db.session, current_user.id, week_arg())
    return render_template("supervision/week.html", week=shown)


@bp.route("/month")
@requires(Permission.SUPERVISION_PUBLISH)
def month():
    shown = services.supervisor_month(db.session, current_user.id, *month_argument())
    return render_template("supervision/month.html", month=shown)


def _where(form) -> services.Where:
    return services.Where(form.mode.data == "online", form.meeting_url.data, form.place.data)


@bp.route("/slots/new", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def new_slot():
    form, status = SlotForm(), None
    groups = services.groups_of(db.session, current_user.id)
    form.group.choices = options(
        [("", _("All my supervisees"))] + [(group.id, group.name) for group in groups]
    )
    if form.validate_on_submit():
        try:
            made = services.publish(
                db.session,
                supervisor=current_user,
                kind=form.kind.data,
                where=_where(form),
                day=form.day.data,
                start=form.start.data,
                minutes=form.minutes.data,
                capacity=form.capacity.data,
                group_id=form.group.data,
                repeat_until=form.repeat_until.data,
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            count = len(made.slots)
            flash(
                ngettext("%(num)s slot is published.", "%(num)s slots are published.", count),
                "success",
            )
            if made.ambiguous:
                flash(_(AMBIGUOUS), "warning")
            return redirect(url_for("supervision.week", week=_week_of(made.slots[0])))
    page = render_template("supervision/slot_form.html", form=form, slot=None)
    return page, form_status(form, status)


def _week_of(slot) -> str:
    return services.monday_of(to_local(slot.starts_at).date()).isoformat()


@bp.route("/slots/<int:slot_id>/edit", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def edit_slot(slot_id: int):
    slot = services.own_slot_or_404(db.session, current_user, slot_id)
    form, status = EditSlotForm(), None
    if not form.is_submitted():
        local = to_local(slot.starts_at)
        form.mode.data = "online" if slot.online else "in_person"
        form.meeting_url.data, form.place.data = slot.meeting_url, slot.place
        form.day.data, form.start.data = local.date(), local.time().replace(tzinfo=None)
        form.minutes.data, form.capacity.data = slot.minutes, slot.capacity
    if form.validate_on_submit():
        try:
            twice = services.edit(
                db.session,
                slot,
                supervisor=current_user,
                where=_where(form),
                day=form.day.data,
                start=form.start.data,
                minutes=form.minutes.data,
                capacity=form.capacity.data,
                reason=form.reason.data,
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The slot is changed; those who booked it are told."), "success")
            if twice:
                flash(_(AMBIGUOUS), "warning")
            return redirect(url_for("supervision.slot", slot_id=slot.id))
    page = render_template("supervision/slot_form.html", form=form, slot=slot)
    return page, form_status(form, status)


@bp.route("/slots/<int:slot_id>/cancel", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def cancel_slot(slot_id: int):
    slot = services.own_slot_or_404(db.session, current_user, slot_id)
    form, status = CancelForm(), None
    if form.validate_on_submit():
        try:
            told = services.cancel(
                db.session, slot, supervisor=current_user, reason=form.reason.data
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(
                ngettext(
                    "The slot is cancelled; %(num)s booked mediator is told.",
                    "The slot is cancelled; %(num)s booked mediators are told.",
                    told,
                ),
                "success",
            )
            return redirect(url_for("supervision.week", week=_week_of(slot)))
    page = render_template("supervision/cancel.html", form=form, slot=slot, series=None)
    return page, form_status(form, status)


@bp.route("/series/<int:series_id>/cancel", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def cancel_series(series_id: int):
    series = services.own_series_or_404(db.session, current_user, series_id)
    form, status = CancelForm(), None
    if not form.is_submitted():
        form.from_day.data = max(series.first_day, today())
    if form.validate_on_submit():
        if form.from_day.data is None:
            form.from_day.errors = [_("Please give the day from which to cancel.")]
        else:
            try:
                count = services.cancel_series(
                    db.session,
                    series,
                    supervisor=current_user,
                    from_day=form.from_day.data,
                    reason=form.reason.data,
                )
            except services.SupervisionError as error:
                status = form_failed(form, error)
            else:
                db.session.commit()
                flash(
                    ngettext(
                        "%(num)s slot of the series is cancelled.",
                        "%(num)s slots of the series are cancelled.",
                        count,
                    ),
                    "success",
                )
                return redirect(url_for("supervision.week", week=form.from_day.data.isoformat()))
    page = render_template("supervision/cancel.html", form=form, slot=None, series=series)
    return page, form_status(form, status)
