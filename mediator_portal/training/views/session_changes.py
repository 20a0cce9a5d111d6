"""Changing a published session (trainers): its edit page, and cancelling it with a reason."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.permissions import Permission, requires
from mediator_portal.timezones import to_local
from mediator_portal.training import services
from mediator_portal.training.forms import CancelSessionForm, SessionEditForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import bp, form_failed
from mediator_portal.training.views.sessions import (
    flash_repeated_hour,
    municipality_choices,
    session_field,
)


def _filled(row) -> SessionEditForm:
    """The edit form, showing `row` as it is on a first visit (the request's data after)."""
    starts, ends = to_local(row.starts_at), to_local(row.ends_at)
    form = SessionEditForm(
        data={
            "title": row.title,
            "description": row.description,
            "mode": "online" if row.online else "in_person",
            "meeting_url": row.meeting_url or "",
            "place": row.place or "",
            "municipality": row.municipality_id,
            "day": starts.date(),
            "start": starts.time().replace(second=0, microsecond=0),
            "end": ends.time().replace(second=0, microsecond=0),
            "capacity": row.capacity,
        }
    )
    form.municipality.choices = municipality_choices()
    return form


def _page(row, form, cancel_form, status=None):
    page = render_template(
        "training/session_form.html", form=form, cancel_form=cancel_form, row=row
    )
    return page, status or form_status(form)


def _changeable(session_id: int):
    row = services.get_session(db.session, session_id)
    if row.cancelled_at is not None:
        raise services.SessionCancelled()
    if row.ends_at <= services.utcnow():
        raise services.SessionPast()
    return row


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@requires(Permission.TRAINING_MANAGE)
def edit_session(session_id: int):
    row = _changeable(session_id)
    form, status = _filled(row), None
    if form.validate_on_submit():
        try:
            made = services.edit_session(
                db.session,
                row,
                actor=current_user,
                title=form.title.data,
                description=form.description.data or "",
                capacity=form.capacity.data,
                online=form.mode.data == "online",
                meeting_url=form.meeting_url.data,
                place=form.place.data,
                municipality_id=form.municipality.data,
                day=form.day.data,
                start=form.start.data,
                end=form.end.data,
            )
        except TrainingError as error:
            field = "capacity" if isinstance(error, services.CapacityBelowGoing) else None
            status = form_failed(form, error, field or session_field(error))
        else:
            db.session.commit()
            flash(_("The session is saved."), "success")
            if made.ambiguous:
                flash_repeated_hour()
            return redirect(url_for("training.session", session_id=row.id))
    return _page(row, form, CancelSessionForm(formdata=None), status)


@bp.route("/sessions/<int:session_id>/cancel", methods=["POST"])
@requires(Permission.TRAINING_MANAGE)
def cancel_session(session_id: int):
    row = _changeable(session_id)
    cancel_form, status = CancelSessionForm(), None
    if cancel_form.validate_on_submit():
        answer = _(
            "The training session “%(title)s” was cancelled: this topic waits for another one.",
            title=row.title,
        )
        try:
            services.cancel_session(
                db.session,
                row,
                actor=current_user,
                reason=cancel_form.reason.data,
                proposal_answer=answer,
            )
        except TrainingError as error:
            status = form_failed(cancel_form, error, "reason")
        else:
            db.session.commit()
            flash(_("The session is cancelled; everyone who answered is told."), "success")
            return redirect(url_for("training.session", session_id=row.id))
    return _page(row, _filled(row), cancel_form, status or form_status(cancel_form))
