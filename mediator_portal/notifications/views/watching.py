"""What I watch or muted, and the watch-level control's form."""

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.notifications import services
from mediator_portal.notifications.forms import WatchForm
from mediator_portal.notifications.views.common import bp, referrer_path, safe_next
from mediator_portal.permissions import members


def _readable(target_type: str, target_id: int):
    """How the viewer sees the topic or category. Raises NotFound when they may not read it."""
    seen = services.resolve(db.session, current_user, target_type, [target_id]).get(target_id)
    if seen is None or not seen.readable:
        raise services.NotFound()
    return seen


@bp.route("/watching")
@members
def watching():
    rows = services.watched(db.session, current_user.id)
    resolved = {
        target_type: services.resolve(
            db.session,
            current_user,
            target_type,
            [row.target_id for row in rows if row.target_type == target_type],
        )
        for target_type in (services.TOPIC, services.CATEGORY)
    }
    items = [
        (row, resolved[row.target_type][row.target_id])
        for row in rows
        if row.target_id in resolved.get(row.target_type, {})
        and resolved[row.target_type][row.target_id].readable
    ]
    labels = {name: _(label) for name, label in services.LEVEL_LABELS.items()}
    return render_template(
        "notifications/watching.html",
        items=items,
        labels=labels,
        levels=services.LEVELS,
    )


@bp.route("/watch/<any(topic, category):target_type>/<int:target_id>", methods=["GET", "POST"])
@members
def watch(target_type: str, target_id: int):
    seen = _readable(target_type, target_id)
    form = WatchForm()
    if form.validate_on_submit():
        try:
            services.set_watch_level(
                db.session, current_user.id, target_type, target_id, form.level.data
            )
        except services.UnknownLevel as error:
            form.level.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Your notification level is saved."), "success")
            return redirect(safe_next(form.next.data, seen.url))
    if not form.is_submitted():
        form.level.data = services.watch_level(db.session, current_user.id, target_type, target_id)
        form.next.data = referrer_path(seen.url)
    control = services.watch_control(db.session, current_user, target_type, target_id)
    return render_template(
        "notifications/watch.html", form=form, seen=seen, control=control
    ), form_status(form)
