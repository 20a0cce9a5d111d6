"""The audit log page: who did what and when, filtered by person, action and Athens dates."""

from datetime import datetime, time, timedelta

from flask import render_template, request
from flask_babel import gettext as _
from wtforms import SelectChoice

from mediator_portal.admin import services
from mediator_portal.admin.forms import AuditFilterForm
from mediator_portal.admin.views.common import bp, page_number, per_page
from mediator_portal.extensions import db
from mediator_portal.forms import valid_data
from mediator_portal.permissions import Permission, requires
from mediator_portal.timezones import local_to_utc


def _start_of(day) -> datetime | None:
    """Midnight (Athens) at the start of `day`, in UTC; None when no day is given."""
    return local_to_utc(datetime.combine(day, time.min)) if day else None


@bp.route("/audit")
@requires(Permission.ADMIN)
def audit() -> str:
    form = AuditFilterForm(formdata=request.args)
    actors = services.audit_actors(db.session)
    form.actor_id.choices = [SelectChoice("", _("Everyone"))] + [
        SelectChoice(str(user.id), f"{user.name} <{user.email}>") for user in actors
    ]
    data = valid_data(form)
    until = data["until"] + timedelta(days=1) if data["until"] else None
    query = services.audit_query(
        actor_id=data["actor_id"],
        action=data["action"] or None,
        since=_start_of(data["since"]),
        until=_start_of(until),
    )
    page = db.paginate(query, page=page_number(), per_page=per_page(), error_out=False)
    args = {k: v for k, v in request.args.items() if k in form.data and k not in form.errors}
    return render_template("admin/audit.html", form=form, page=page, args=args)
