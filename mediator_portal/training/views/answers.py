"""Trainers' pages: answering a proposal (a status change with a public answer, merging
included), private notes (page and JSON), and the review queue."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.arguments import MAX_ID, page_number
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, options
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import AnswerForm, NoteForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import bp, form_failed, load_proposal, status_label


def _merge_target(form):
    if form.status.data != "merged":
        return None
    number = int(form.merge_into.data)
    if number > MAX_ID:
        raise services.InvalidMergeTarget()
    try:
        return services.get_proposal(db.session, number)
    except services.NotFound:
        raise services.InvalidMergeTarget() from None


@bp.route("/p/<int:proposal_id>/answer", methods=["GET", "POST"])
@requires(Permission.TRAINING_MANAGE)
def answer(proposal_id: int):
    proposal = load_proposal(proposal_id)
    allowed = services.TRANSITIONS.get(proposal.status, ())
    form, status = AnswerForm(), None
    form.status.choices = options((value, status_label(value)) for value in allowed)
    if not allowed and request.method == "POST":
        raise services.InvalidTransition()
    if allowed and form.validate_on_submit():
        try:
            services.change_status(
                db.session,
                proposal,
                actor=current_user,
                status=form.status.data,
                body=form.body.data,
                merge_into=_merge_target(form),
            )
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The answer is published and the followers are told."), "success")
            return redirect(url_for("training.proposal", proposal_id=proposal.id) + "#timeline")
    page = render_template("training/answer.html", proposal=proposal, form=form)
    return page, form_status(form, status)


@bp.route("/p/<int:proposal_id>/notes", methods=["POST"])
@requires(Permission.TRAINING_MANAGE)
def add_note(proposal_id: int):
    proposal = load_proposal(proposal_id)
    form, status = NoteForm(), None
    if form.validate_on_submit():
        try:
            services.add_note(db.session, proposal, author=current_user, body=form.body.data)
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("The private note is saved."), "success")
            return redirect(url_for("training.proposal", proposal_id=proposal.id) + "#notes")
    page = render_template("training/note.html", proposal=proposal, form=form)
    return page, form_status(form, status)


@bp.route("/p/<int:proposal_id>/notes.json")
@requires(Permission.TRAINING_MANAGE)
@json_view
def notes_json(proposal_id: int):
    proposal = load_proposal(proposal_id)
    notes = services.notes_of(db.session, current_user, proposal)
    return jsonify(
        notes=[
            {
                "id": note.id,
                "author": note.author.name,
                "html": note.body_html,
                "at": note.created_at,
            }
            for note in notes
        ]
    )


@bp.route("/review")
@requires(Permission.TRAINING_MANAGE)
def review():
    page = services.review_queue(db.session, current_user, page=page_number())
    return render_template("training/review.html", page=page)
