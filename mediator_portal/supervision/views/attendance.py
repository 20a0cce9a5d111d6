"""A slot's attendance (its own supervisor, once it has started): one form for every
mediator who booked it, cancelled it late or was marked, working without JavaScript."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import require_button
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.models import MARKS
from mediator_portal.supervision.services.hours_errors import UnknownMark
from mediator_portal.supervision.views.common import bp

FIELD_PREFIX = "mark-"


def _page(slot, error=None, status: int = 200):
    page = render_template(
        "supervision/hours_attendance.html",
        slot=slot,
        sheet=services.attendance_sheet(db.session, slot),
        started=services.has_started(slot),
        marks=MARKS,
        error=error,
    )
    return page, status


def _marks() -> dict[int, str]:
    """{mediator id: mark} from the form's `mark-<id>` fields. Raises UnknownMark."""
    marks = {}
    for name, value in request.form.items():
        if not name.startswith(FIELD_PREFIX):
            continue
        raw = name.removeprefix(FIELD_PREFIX)
        if not raw.isdigit() or len(raw) > 12:
            raise UnknownMark()
        marks[int(raw)] = value
    return marks


@bp.route("/slots/<int:slot_id>/attendance", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def attendance(slot_id: int):
    slot = services.own_slot_or_404(db.session, current_user, slot_id)
    if request.method == "GET":
        return _page(slot)
    require_button()

    def attempt():
        return services.mark_attendance(db.session, slot, supervisor=current_user, marks=_marks())

    try:
        services.with_retries(db.session, attempt)
    except services.SupervisionError as error:
        db.session.rollback()
        if error.status == 404:
            raise
        return _page(slot, error, error.status)
    flash(_("Attendance saved."), "success")
    return redirect(url_for("supervision.attendance", slot_id=slot.id))
