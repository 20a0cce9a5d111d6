"""Moderation by trainers and admins: pin, lock, move, hide, and the queue of reports."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from mediator_portal.arguments import BadArgument
from mediator_portal.extensions import db
from mediator_portal.forms import ButtonForm, form_status
from mediator_portal.forums import services
from mediator_portal.forums.forms import MoveForm, ReasonForm
from mediator_portal.forums.models import Report
from mediator_portal.forums.services import ForumError
from mediator_portal.forums.views.common import bp, form_failed, load_post, load_topic, post_url
from mediator_portal.permissions import Permission, requires


@bp.route("/t/<int:topic_id>/<any(pin, lock):action>", methods=["POST"])
@requires(Permission.FORUM_MODERATE)
def topic_switch(topic_id: int, action: str):
    topic = load_topic(topic_id)
    if ButtonForm().validate_on_submit():
        on = request.form.get("value") == "1"
        if action == "pin":
            services.set_pinned(db.session, topic, actor=current_user, pinned=on)
        else:
            services.set_locked(db.session, topic, actor=current_user, locked=on)
        db.session.commit()
        flash(_("The topic is updated."), "success")
    return redirect(url_for("forums.topic", topic_id=topic.id))


@bp.route("/t/<int:topic_id>/move", methods=["GET", "POST"])
@requires(Permission.FORUM_MODERATE)
def move_topic(topic_id: int):
    topic = load_topic(topic_id)
    form = MoveForm(category=topic.category_id)
    categories = services.visible_categories(db.session, current_user)
    form.category.choices = [(c.id, c.label(str(get_locale()))) for c in categories]
    if form.validate_on_submit():
        destination = next(c for c in categories if c.id == form.category.data)
        services.move_topic(db.session, topic, actor=current_user, category=destination)
        db.session.commit()
        flash(_("The topic is moved."), "success")
        return redirect(url_for("forums.topic", topic_id=topic.id))
    return render_template("forums/move.html", topic=topic, form=form), form_status(form)


@bp.route("/t/<int:topic_id>/hide", methods=["GET", "POST"])
@requires(Permission.FORUM_MODERATE)
def hide_topic(topic_id: int):
    topic = load_topic(topic_id)
    form, status = ReasonForm(), None
    if form.validate_on_submit():
        try:
            services.hide_topic(db.session, topic, actor=current_user, reason=form.reason.data)
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The topic is hidden from everyone but moderators."), "success")
            return redirect(url_for("forums.topic", topic_id=topic.id))
    page = render_template("forums/hide.html", topic=topic, post=None, form=form)
    return page, form_status(form, status)


@bp.route("/t/<int:topic_id>/unhide", methods=["POST"])
@requires(Permission.FORUM_MODERATE)
def unhide_topic(topic_id: int):
    topic = load_topic(topic_id)
    if ButtonForm().validate_on_submit():
        services.unhide_topic(db.session, topic, actor=current_user)
        db.session.commit()
        flash(_("The topic is visible again."), "success")
    return redirect(url_for("forums.topic", topic_id=topic.id))


@bp.route("/p/<int:post_id>/hide", methods=["GET", "POST"])
@requires(Permission.FORUM_MODERATE)
def hide_post(post_id: int):
    post = load_post(post_id)
    form, status = ReasonForm(), None
    if form.validate_on_submit():
        try:
            services.hide_post(db.session, post, actor=current_user, reason=form.reason.data)
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The post is hidden from everyone but moderators."), "success")
            return redirect(post_url(post))
    page = render_template("forums/hide.html", topic=post.topic, post=post, form=form)
    return page, form_status(form, status)


@bp.route("/p/<int:post_id>/unhide", methods=["POST"])
@requires(Permission.FORUM_MODERATE)
def unhide_post(post_id: int):
    post = load_post(post_id)
    if ButtonForm().validate_on_submit():
        services.unhide_post(db.session, post, actor=current_user)
        db.session.commit()
        flash(_("The post is visible again."), "success")
    return redirect(post_url(post))


@bp.route("/reports")
@requires(Permission.FORUM_MODERATE)
def reports():
    items = services.open_reports(db.session, current_user)
    return render_template("forums/reports.html", reports=items, form=ReasonForm())


@bp.route("/reports/<int:report_id>/resolve", methods=["POST"])
@requires(Permission.FORUM_MODERATE)
def resolve_report(report_id: int):
    """Hide the post and resolve, resolve, or dismiss (`action`), with the note typed."""
    report = db.get_or_404(Report, report_id, options=[joinedload(Report.post)])
    action = request.form.get("action", "resolve")
    if action not in services.REPORT_ACTIONS:
        raise BadArgument()
    form, status = ReasonForm(), None
    if action == "dismiss" and not (form.reason.data or "").strip():
        form.reason.data = _("Dismissed: no action needed.")
    if form.validate_on_submit():
        try:
            services.handle_report(
                db.session, report, actor=current_user, action=action, note=form.reason.data
            )
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(DONE[action](), "success")
            return redirect(url_for("forums.reports"))
    items = services.open_reports(db.session, current_user)
    page = render_template("forums/reports.html", reports=items, failed=report.id, form=form)
    return page, form_status(form, status)


DONE = {
    "hide": lambda: _("The post is hidden and the report resolved."),
    "resolve": lambda: _("The report is resolved."),
    "dismiss": lambda: _("The report is dismissed."),
}
