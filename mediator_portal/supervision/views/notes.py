"""Notes on a session: the supervisor writes action points (shared) and a private note on
each mediator booked in their slot; the mediator reads the action points about them and
sees who read the notes about them and when. Every view showing a note records the read."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.permissions import Permission, requires
from mediator_portal.supervision import services
from mediator_portal.supervision.forms import NoteForm
from mediator_portal.supervision.views.common import bp, form_failed


@bp.route("/slots/<int:slot_id>/notes/<int:mediator_id>", methods=["GET", "POST"])
@requires(Permission.SUPERVISION_PUBLISH)
def notes(slot_id: int, mediator_id: int):
    target = services.note_target_or_404(db.session, current_user, slot_id, mediator_id)
    form, status = NoteForm(obj=target.note), None
    if form.validate_on_submit():
        try:
            services.save_note(
                db.session,
                target,
                supervisor=current_user,
                action_points=form.action_points.data,
                private=form.private.data,
            )
        except services.SupervisionError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The notes are saved."), "success")
            return redirect(url_for("supervision.notes", slot_id=slot_id, mediator_id=mediator_id))
    page = render_template(
        "supervision/notes_edit.html", form=form, target=target, closed=_closed(target)
    )
    if not form.is_submitted() and target.note is not None:
        _record_read(target.note)
    return page, form_status(form, status)


def _record_read(*notes) -> None:
    """Record that the page, rendered already (a commit expires what it showed), showed
    `notes` to the viewer."""
    services.record_reads(db.session, current_user, list(notes))
    db.session.commit()


def _closed(target: services.NoteTarget) -> str | None:
    """Why the notes cannot be written now ("cancelled", "not_started", "not_booked"), or
    None when they can."""
    slot = target.slot
    if slot.status != "active":
        return "cancelled"
    if slot.starts_at > utcnow():
        return "not_started"
    if target.mediator.id not in services.booked_mediator_ids(slot):
        return "not_booked"
    return None


@bp.route("/notes")
@requires(Permission.SUPERVISION_BOOK)
def my_notes():
    shown = services.shared_notes(db.session, current_user)
    page = render_template("supervision/notes_mine.html", notes=shown)
    _record_read(*shown)
    return page


@bp.route("/notes/reads")
@requires(Permission.SUPERVISION_BOOK)
def note_reads():
    reads = services.reads_about(db.session, current_user)
    return render_template("supervision/notes_reads.html", reads=reads, limit=services.READS_SHOWN)
