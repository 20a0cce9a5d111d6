"""The list of proposals, proposing one, similar titles while typing, and a proposal's page
(with its JSON sibling)."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.accounts import services as accounts
from mediator_portal.arguments import page_number
from mediator_portal.database import write_on_the_side
from mediator_portal.errors import json_view
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, options, valid_data
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import CommentForm, ListFilterForm, NoteForm, ProposalForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import (
    bp,
    form_failed,
    language_choices,
    load_proposal,
    locale,
    status_label,
    theme_choices,
)


@bp.route("/")
@requires(Permission.TOPIC_PROPOSE)
def index():
    form = ListFilterForm(request.args)
    form.theme.choices = theme_choices(blank=_("All themes"))
    form.status.choices = options(
        [("", _("All but merged"))]
        + [(status, status_label(status)) for status in services.STATUSES]
    )
    data = valid_data(form)
    filters = {
        "sort": data["sort"] if data["sort"] in services.SORTS else "support",
        "theme": data["theme"] or None,
        "status": data["status"] if data["status"] in services.STATUSES else None,
        "scope": data["scope"] if data["scope"] in services.SCOPES else "all",
    }
    page = services.proposal_page(
        db.session,
        current_user,
        sort=filters["sort"],
        theme_id=filters["theme"],
        status=filters["status"],
        scope=filters["scope"],
        page=page_number(),
    )
    list_args = {name: value for name, value in filters.items() if value}
    return render_template("training/index.html", form=form, page=page, list_args=list_args)


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.TOPIC_PROPOSE)
def new():
    form, status = ProposalForm(), None
    form.theme.choices = theme_choices(blank=_("Choose a theme"))
    form.languages.choices = language_choices()
    if form.validate_on_submit():
        try:
            proposal = services.create_proposal(
                db.session,
                author=current_user,
                title=form.title.data,
                body=form.body.data,
                theme_id=form.theme.data,
                languages=form.languages.data or (),
            )
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Your proposal is published. You will be told of every answer."), "success")
            return redirect(url_for("training.proposal", proposal_id=proposal.id))
    page = render_template("training/new.html", form=form)
    return page, form_status(form, status)


@bp.route("/similar.json")
@requires(Permission.TOPIC_PROPOSE)
@json_view
def similar():
    found = services.similar(db.session, request.args.get("q", ""))
    items = [
        {
            "id": row.id,
            "title": row.title,
            "url": url_for("training.proposal", proposal_id=row.id),
            "status": row.status,
            "status_label": status_label(row.status),
            "supports": row.support_count,
        }
        for row in found
    ]
    return jsonify(items=items)


@bp.route("/p/<int:proposal_id>")
@requires(Permission.TOPIC_PROPOSE)
def proposal(proposal_id: int):
    item = load_proposal(proposal_id)
    manager = services.can_manage(current_user)
    state = services.viewer_state(db.session, item, current_user)
    answers = services.answers_of(db.session, item)
    comments = services.comments_of(db.session, item)
    notes = services.notes_of(db.session, current_user, item) if manager else []
    page = render_template(
        "training/proposal.html",
        proposal=item,
        state=state,
        answers=answers,
        comments=comments,
        notes=notes,
        manager=manager,
        can_edit=services.can_edit_proposal(current_user, item),
        comment_form=CommentForm(),
        note_form=NoteForm(),
        languages=", ".join(accounts.language_name(code) for code in item.language_codes),
    )
    # After rendering: the side write's commit expires what the page has loaded.
    if state.following:
        write_on_the_side(
            db.session,
            lambda: services.mark_seen(db.session, item, current_user),
            what="when a proposal was seen",
        )
    return page


@bp.route("/p/<int:proposal_id>.json")
@requires(Permission.TOPIC_PROPOSE)
@json_view
def proposal_json(proposal_id: int):
    item = load_proposal(proposal_id)
    answers = services.answers_of(db.session, item)
    data = {
        "id": item.id,
        "title": item.title,
        "status": item.status,
        "status_label": status_label(item.status),
        "supports": item.support_count,
        "theme": item.theme.label(locale()),
        "merged_into": item.merged_into_id,
        "answers": [
            {"status": answer.to_status, "html": answer.body_html, "at": answer.created_at}
            for answer in answers
        ],
    }
    if services.can_manage(current_user):
        notes = services.notes_of(db.session, current_user, item)
        data["notes"] = [{"html": note.body_html, "author": note.author.name} for note in notes]
    return jsonify(data)
