"""Adding a session's material from its page (trainers and administrators): files or a
link, stored in the library by its services; a refused file or link is shown beside its
field on the session's page, with what was typed kept."""

from flask import flash, redirect, url_for
from flask_babel import ngettext
from flask_login import current_user

from mediator_portal import storage
from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.library import services as library
from mediator_portal.permissions import Permission, requires
from mediator_portal.security import accepts_uploads
from mediator_portal.training import services
from mediator_portal.training.forms import MaterialForm
from mediator_portal.training.views.common import bp
from mediator_portal.training.views.sessions import render_session


def _refused(field, error) -> int:
    """Show a refusal beside `field`; returns the status to answer."""
    db.session.rollback()
    field.errors = [*field.errors, str(error.message)]
    return error.status


@bp.route("/sessions/<int:session_id>/material", methods=["POST"])
@requires(Permission.TRAINING_MANAGE)
@accepts_uploads
def add_material(session_id: int):
    row = services.get_session(db.session, session_id)
    form, status = MaterialForm(), None
    if form.validate_on_submit():
        link = form.kind.data == "link"
        try:
            items = services.add_material(
                db.session,
                row,
                actor=current_user,
                uploads=() if link else form.chosen_files(),
                url=form.url.data if link else None,
                title=form.title.data or "",
                visible_to=form.visible_to.data or (),
            )
        except storage.UploadRefused as error:
            status = _refused(form.files, error)
        except services.LinkTitleMissing as error:
            status = _refused(form.title, error)
        except (library.BadLink, services.NoMaterial) as error:
            status = _refused(form.url if link else form.files, error)
        else:
            db.session.commit()
            flash(
                ngettext(
                    "%(num)s item was added to the library as material of this session.",
                    "%(num)s items were added to the library as material of this session.",
                    len(items),
                ),
                "success",
            )
            return redirect(url_for("training.session", session_id=row.id) + "#material")
    return render_session(row, form), form_status(form, status)
