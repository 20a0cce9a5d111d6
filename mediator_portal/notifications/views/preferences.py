"""My e-mail preferences: per kind, the digest hour, a pause."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.extensions import db
from mediator_portal.forms import form_status
from mediator_portal.notifications import services
from mediator_portal.notifications.forms import preferences_form
from mediator_portal.notifications.views.common import bp
from mediator_portal.permissions import members


@bp.route("/preferences", methods=["GET", "POST"])
@members
def preferences():
    current = services.preferences(db.session, current_user.id)
    form = preferences_form(
        data={
            "digest_hour": current.digest_hour,
            "pause_days": 0,
            **{f"kind_{name}": value for name, value in current.deliveries.items()},
        }
    )
    if form.validate_on_submit():
        services.save_preferences(
            db.session,
            current_user.id,
            form.deliveries(),
            form.digest_hour.data,
            form.pause_days.data or 0,
        )
        db.session.commit()
        flash(_("Your e-mail preferences are saved."), "success")
        return redirect(url_for("notifications.preferences"))
    return render_template(
        "notifications/preferences.html",
        form=form,
        current=current,
    ), form_status(form)
