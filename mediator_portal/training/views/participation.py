"""What members do on a proposal: support and withdraw, follow and unfollow, comment and
edit their comments (with history)."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.errors import wants_json
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, require_button
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import CommentForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import bp, form_failed, load_proposal


def _proposal_url(proposal_id: int, anchor: str = "") -> str:
    return url_for("training.proposal", proposal_id=proposal_id) + (f"#{anchor}" if anchor else "")


def _answer_state(proposal):
    state = services.viewer_state(db.session, proposal, current_user)
    db.session.refresh(proposal, ["support_count"])
    return jsonify(
        supported=state.supported, following=state.following, supports=proposal.support_count
    )


@bp.route("/p/<int:proposal_id>/support", methods=["POST"])
@requires(Permission.TOPIC_PROPOSE)
def support(proposal_id: int):
    require_button()
    proposal = load_proposal(proposal_id)
    services.support(db.session, proposal, current_user)
    db.session.commit()
    if wants_json():
        return _answer_state(proposal)
    flash(_("You support this proposal."), "success")
    return redirect(_proposal_url(proposal_id, "support"))


@bp.route("/p/<int:proposal_id>/withdraw", methods=["POST"])
@requires(Permission.TOPIC_PROPOSE)
def withdraw(proposal_id: int):
    require_button()
    proposal = load_proposal(proposal_id)
    services.withdraw(db.session, proposal, current_user)
    db.session.commit()
    if wants_json():
        return _answer_state(proposal)
    flash(_("Your support is withdrawn."), "success")
    return redirect(_proposal_url(proposal_id, "support"))


@bp.route("/p/<int:proposal_id>/follow", methods=["POST"])
@requires(Permission.TOPIC_PROPOSE)
def follow(proposal_id: int):
    require_button()
    proposal = load_proposal(proposal_id)
    following = request.form.get("value", "on") != "off"
    services.follow(db.session, proposal, current_user, following=following)
    db.session.commit()
    if wants_json():
        return _answer_state(proposal)
    if following:
        flash(_("You follow this proposal: you will be told of every answer."), "success")
    else:
        flash(_("You no longer follow this proposal."), "success")
    return redirect(_proposal_url(proposal_id, "support"))


@bp.route("/p/<int:proposal_id>/comments", methods=["POST"])
@requires(Permission.TOPIC_PROPOSE)
def comment(proposal_id: int):
    proposal = load_proposal(proposal_id)
    form, status = CommentForm(), None
    if form.validate_on_submit():
        try:
            made = services.add_comment(
                db.session, proposal, author=current_user, body=form.body.data
            )
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Your comment is posted."), "success")
            return redirect(_proposal_url(proposal_id, f"comment-{made.id}"))
    page = render_template("training/comment.html", proposal=proposal, form=form, comment=None)
    return page, form_status(form, status)


@bp.route("/c/<int:comment_id>/edit", methods=["GET", "POST"])
@requires(Permission.TOPIC_PROPOSE)
def edit_comment(comment_id: int):
    found = services.get_comment(db.session, comment_id)
    if found.author_id != current_user.id:
        raise services.NotAllowed()
    proposal = load_proposal(found.proposal_id)
    form, status = CommentForm(obj=found), None
    if form.validate_on_submit():
        try:
            services.edit_comment(db.session, found, editor=current_user, body=form.body.data)
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(_proposal_url(proposal.id, f"comment-{found.id}"))
    page = render_template("training/comment.html", proposal=proposal, form=form, comment=found)
    return page, form_status(form, status)


@bp.route("/c/<int:comment_id>/history")
@requires(Permission.TOPIC_PROPOSE)
def comment_history(comment_id: int):
    found = services.get_comment(db.session, comment_id)
    proposal = load_proposal(found.proposal_id)
    revisions = services.comment_revisions(db.session, found)
    return render_template(
        "training/history.html", proposal=proposal, comment=found, revisions=revisions
    )
