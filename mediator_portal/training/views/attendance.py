"""Attendance of a session (trainers and administrators): one page, one form for everyone
who answered "going" and anyone added, working without JavaScript."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import require_button
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import bp, locale

FIELD_PREFIX = "status-"


def _page(row, error: TrainingError | None = None, status: int = 200):
    return (
        render_template(
            "training/attendance.html",
            row=row,
            sheet=services.attendance_sheet(db.session, row, locale()),
            others=services.members_to_add(db.session, row),
            started=services.has_started(row),
            statuses=services.ATTENDANCE_STATUSES,
            status_labels=services.ATTENDANCE_LABELS,
            error=error,
        ),
        status,
    )


def _marks() -> dict[int, str]:
    """{user id: status} from the form's `status-<id>` fields. Raises UnknownAttendance."""
    marks = {}
    for name, value in request.form.items():
        if not name.startswith(FIELD_PREFIX):
            continue
        raw = name.removeprefix(FIELD_PREFIX)
        if not raw.isdigit() or len(raw) > 12:
            raise services.UnknownAttendance()
        marks[int(raw)] = value
    return marks


def _added() -> int | None:
    raw = request.form.get("add", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise services.UnknownMember()
    return int(raw)


@bp.route("/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@requires(Permission.TRAINING_MANAGE)
def attendance(session_id: int):
    row = services.get_session(db.session, session_id)
    if request.method == "GET":
        return _page(row)
    require_button()
    try:
        services.mark_attendance(
            db.session,
            row,
            actor=current_user,
            marks=_marks(),
            add=_added(),
            add_status=request.form.get("add_status", "present"),
        )
    except TrainingError as error:
        db.session.rollback()
        return _page(row, error, error.status)
    db.session.commit()
    flash(_("Attendance saved."), "success")
    return redirect(url_for("training.attendance", session_id=row.id))
