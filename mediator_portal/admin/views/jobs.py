"""The failed background jobs: what gave up, with its error, and a button to run it again."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from mediator_portal import job_failures
from mediator_portal.admin.views.common import acting, bp, page_number, per_page
from mediator_portal.extensions import db
from mediator_portal.forms import require_button
from mediator_portal.permissions import Permission, requires


@bp.route("/jobs")
@requires(Permission.ADMIN)
def jobs() -> str:
    query = job_failures.failures_query()
    page = db.paginate(query, page=page_number(), per_page=per_page(), error_out=False)
    return render_template("admin/jobs.html", page=page)


@bp.route("/jobs/<int:failure_id>/retry", methods=["POST"])
@requires(Permission.ADMIN)
def retry_job(failure_id: int) -> Response:
    failure = db.get_or_404(job_failures.FailedJob, failure_id)
    require_button()
    actor = acting()
    job_failures.retry(db.session, actor.user, failure, ip=actor.ip)
    db.session.commit()
    flash(_("The job %(name)s has been queued to run again.", name=failure.short_name), "success")
    return redirect(url_for("admin.jobs"))
