"""Supervision hours: the mediator's own record (confirming or disputing each attended
line) and a supervisor's view of one of their supervisees' records."""

from flask import flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status, require_button
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.forms import DisputeForm
from mediator_portal.supervision.views.common import bp, form_failed


def calendar_days() -> dict:
    """What the hours pages use to write an Athens calendar day and a month."""
    return {
        "day_text": lambda day: format_date(day, "medium"),
        "month_text": lambda day: format_date(day, "LLLL y"),
    }


def _record_page(mediator, own: bool):
    return render_template(
        "supervision/hours_record.html",
        record=services.hours_record(db.session, mediator),
        own=own,
        **calendar_days(),
    )


@bp.route("/hours")
@requires(Permission.SUPERVISION_BOOK)
def hours():
    return _record_page(current_user, own=True)


@bp.route("/supervisees/<int:mediator_id>/hours")
@requires(Permission.SUPERVISION_PUBLISH)
def supervisee_hours(mediator_id: int):
    mediator = services.supervisee_or_404(db.session, current_user, mediator_id)
    return _record_page(mediator, own=False)


@bp.route("/hours/<int:mark_id>/confirm", methods=["POST"])
@requires(Permission.SUPERVISION_BOOK)
def confirm_hours(mark_id: int):
    require_button()
    mark = services.own_mark_or_404(db.session, current_user, mark_id)
    services.confirm(db.session, mark, current_user)
    db.session.commit()
    flash(_("Thank you: the session is confirmed."), "success")
    return redirect(url_for("supervision.hours", _anchor=f"mark-{mark.id}"))


@bp.route("/hours/<int:mark_id>/dispute", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_BOOK)
def dispute_hours(mark_id: int):
    mark = services.own_mark_or_404(db.session, current_user, mark_id)
    form, status = DisputeForm(), None
    if not form.is_submitted() and mark.answer == services.DISPUTED:
        form.comment.data = mark.comment
    if form.validate_on_submit():
        try:
            services.dispute(db.session, mark, current_user, form.comment.data)
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Your supervisor will see your comment."), "success")
            return redirect(url_for("supervision.hours", _anchor=f"mark-{mark.id}"))
    page = render_template("supervision/hours_dispute.html", form=form, mark=mark)
    return page, form_status(form, status)
