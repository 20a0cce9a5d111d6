"""Writing: replies, edits (with their history), deletion, reactions, reports, preview."""

from flask import flash, jsonify, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.arguments import JsonField, posted_fields
from mediator_portal.errors import json_view, wants_json
from mediator_portal.extensions import db
from mediator_portal.forms import ButtonForm, form_status, json_invalid
from mediator_portal.forums import services
from mediator_portal.forums.forms import EditPostForm, ReasonForm, ReplyForm
from mediator_portal.forums.models import BODY_MAX
from mediator_portal.forums.services import ForumError
from mediator_portal.forums.views.common import (
    bp,
    form_failed,
    load_post,
    load_topic,
    pending_files,
    post_url,
)
from mediator_portal.permissions import Permission, members, requires
from mediator_portal.security import accepts_uploads


@bp.route("/t/<int:topic_id>/reply", methods=["GET", "POST"])
@requires(Permission.FORUM_PARTICIPATE)
@accepts_uploads
def reply(topic_id: int):
    topic = load_topic(topic_id)
    form, preview, status = ReplyForm(), None, None
    valid = form.validate_on_submit()
    if valid and form.preview.data:
        preview = services.render_post(db.session, form.body.data)
    elif valid:
        try:
            post = services.reply_to_topic(
                db.session,
                topic=topic,
                author=current_user,
                body=form.body.data,
                key=form.idempotency_key.data,
                files=form.new_files(),
            )
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            if wants_json():
                return jsonify(post_id=post.id, number=post.number, url=post_url(post)), 201
            return redirect(post_url(post))
    if wants_json() and form.errors:
        return json_invalid(form, status)
    page = render_template(
        "forums/reply.html", topic=topic, form=form, preview=preview, pending=pending_files(form)
    )
    return page, form_status(form, status)


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@requires(Permission.FORUM_PARTICIPATE)
@accepts_uploads
def edit_post(post_id: int):
    post = load_post(post_id)
    if not services.can_edit_post(current_user, post):
        mine = post.author_id == current_user.id and not (post.deleted or post.hidden)
        raise services.TopicLocked() if mine and post.topic.locked else services.NotAllowed()
    form, preview, status = EditPostForm(obj=post), None, None
    if request.method == "GET" and post.number == 1:
        form.title.data = post.topic.title
    current = services.post_attachments(db.session, post)
    form.remove_attachment.choices = [(file.id, file.name) for file in current]
    valid = form.validate_on_submit()
    if valid and form.preview.data:
        preview = services.render_post(db.session, form.body.data)
    elif valid:
        title = form.title.data if post.number == 1 else None
        try:
            services.edit_post(
                db.session,
                post=post,
                editor=current_user,
                body=form.body.data,
                title=title,
                files=form.new_files(remove_ids=form.remove_attachment.data or ()),
            )
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(post_url(post))
    page = render_template(
        "forums/edit.html",
        post=post,
        form=form,
        preview=preview,
        current=current,
        pending=pending_files(form),
    )
    return page, form_status(form, status)


@bp.route("/p/<int:post_id>/history")
@members
def post_history(post_id: int):
    post = load_post(post_id)
    if post.deleted and not services.is_moderator(current_user):
        raise services.NotFound()
    revisions = services.revisions(db.session, post)
    changes = services.version_changes([revision.body for revision in revisions] + [post.body])
    return render_template("forums/history.html", post=post, revisions=revisions, changes=changes)


@bp.route("/p/<int:post_id>/delete", methods=["GET", "POST"])
@requires(Permission.FORUM_PARTICIPATE)
def delete_post(post_id: int):
    post = load_post(post_id)
    if not services.can_delete_post(current_user, post):
        raise services.NotAllowed()
    form = ButtonForm()
    if form.validate_on_submit():
        services.delete_post(db.session, post=post, actor=current_user)
        db.session.commit()
        flash(_("Your post is deleted."), "success")
        return redirect(post_url(post))
    return render_template("forums/delete.html", post=post, form=form)


@bp.route("/p/<int:post_id>/react", methods=["POST"])
@requires(Permission.FORUM_PARTICIPATE)
def react(post_id: int):
    post = load_post(post_id)
    kind = request.form.get("kind", "")
    # "on"/"off" sets the reaction (the page's script sends it); without it, a toggle.
    state = {"on": True, "off": False}.get(request.form.get("state", ""))
    on = services.toggle_reaction(db.session, post, user=current_user, kind=kind, on=state)
    db.session.commit()
    if wants_json():
        row = services.post_rows(db.session, current_user, [post])[0]
        return jsonify(post_id=post.id, kind=kind, on=on, counts=row.counts, mine=sorted(row.mine))
    return redirect(post_url(post))


@bp.route("/p/<int:post_id>/report", methods=["GET", "POST"])
@requires(Permission.FORUM_PARTICIPATE)
def report_post(post_id: int):
    post = load_post(post_id)
    form, status = ReasonForm(), None
    if form.validate_on_submit():
        try:
            services.report_post(db.session, post, reporter=current_user, reason=form.reason.data)
        except ForumError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Thank you. The moderators will look at this post."), "success")
            return redirect(post_url(post))
    page = render_template("forums/report.html", post=post, form=form)
    return page, form_status(form, status)


@bp.route("/preview", methods=["POST"])
@requires(Permission.FORUM_PARTICIPATE)
@json_view
def preview():
    body = posted_fields(PREVIEW_FIELDS)["body"]
    if len(body.replace("\r\n", "\n")) > BODY_MAX:
        raise services.PostTooLong()
    return jsonify(html=services.render_post(db.session, body))


PREVIEW_FIELDS = (JsonField("body", str, required=True),)
