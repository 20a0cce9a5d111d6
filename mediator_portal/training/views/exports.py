"""Downloads for trainers and administrators: a session's attendance sheet and the records
overview, as CSV or XLSX (`mediator_portal.exports`), in the request's language. They hold
names, places and marks only: never a proposal's text or a trainer's private notes."""

from flask_babel import gettext as _

from mediator_portal.exports import export_response
from mediator_portal.extensions import db
from mediator_portal.permissions import Permission, requires
from mediator_portal.timezones import to_local
from mediator_portal.training import services
from mediator_portal.training.views.common import bp, locale
from mediator_portal.training.views.records import overview_rows, records_filters


def _status(status: str | None) -> str:
    return _(services.ATTENDANCE_LABELS[status]) if status else _("Not marked")


@bp.route("/sessions/<int:session_id>/attendance.<any(csv, xlsx):kind>")
@requires(Permission.TRAINING_MANAGE)
def attendance_export(session_id: int, kind: str):
    row = services.get_session(db.session, session_id)
    minutes = int((row.ends_at - row.starts_at).total_seconds() // 60)
    headers = [_("Name"), _("Municipality"), _("Answer"), _("Attendance"), _("Hours")]
    rows = [
        [
            person.name,
            person.municipality,
            _("Answered going") if person.going else _("Added by a trainer"),
            _status(person.status),
            services.hours_of(minutes if person.status == "present" else 0),
        ]
        for person in services.attendance_sheet(db.session, row, locale())
    ]
    day = to_local(row.starts_at).date().isoformat()
    name = f"{_('Attendance')} {day} {row.title}"
    return export_response(kind, name, headers, rows)


@bp.route("/records.<any(csv, xlsx):kind>")
@requires(Permission.TRAINING_MANAGE)
def records_export(kind: str):
    form, data = records_filters()
    if form.errors:
        raise services.BadFilter()
    headers = [
        _("Name"),
        _("Municipality"),
        _("Region"),
        _("Sessions attended"),
        _("Absences"),
        _("Excused absences"),
        _("Hours attended"),
    ]
    rows = [
        [
            row.name,
            row.municipality,
            row.region,
            row.totals.attended,
            row.totals.absent,
            row.totals.excused,
            row.totals.hours,
        ]
        for row in overview_rows(data)
    ]
    period = " – ".join(day.isoformat() for day in (data["since"], data["until"]) if day)
    name = f"{_('Training records')} {period}".strip()
    return export_response(kind, name, headers, rows)
