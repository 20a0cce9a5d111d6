"""Editing a proposal (its author while it is proposed or under review; trainers and
administrators always) and the history of its earlier versions."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mediator_portal.accounts import services as accounts
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, options
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import EditProposalForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import (
    bp,
    form_failed,
    language_choices,
    load_proposal,
    locale,
    theme_choices,
)


@bp.route("/p/<int:proposal_id>/edit", methods=["GET", "POST"])
@requires(Permission.TOPIC_PROPOSE)
def edit_proposal(proposal_id: int):
    proposal = load_proposal(proposal_id)
    services.require_editor(current_user, proposal)
    form, status = EditProposalForm(obj=proposal), None
    form.theme.choices = theme_choices(blank=_("Choose a theme"))
    if proposal.theme.archived:  # its own theme stays a choice, though no longer offered
        form.theme.choices += options([(proposal.theme.id, proposal.theme.label(locale()))])
    form.languages.choices = language_choices()
    if request.method == "GET":
        form.theme.data, form.languages.data = proposal.theme_id, proposal.language_codes
        form.seen.data = services.edit_mark(proposal)
    if form.validate_on_submit():
        try:
            changed = services.edit_proposal(
                db.session,
                proposal,
                editor=current_user,
                title=form.title.data,
                body=form.body.data,
                theme_id=form.theme.data,
                languages=form.languages.data or (),
                seen=form.seen.data or "",
            )
        except TrainingError as error:
            status = form_failed(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for("training.proposal", proposal_id=proposal.id))
    page = render_template("training/edit.html", proposal=proposal, form=form)
    return page, form_status(form, status)


@bp.route("/p/<int:proposal_id>/history")
@requires(Permission.TOPIC_PROPOSE)
def proposal_history(proposal_id: int):
    proposal = load_proposal(proposal_id)
    return render_template(
        "training/proposal_history.html",
        proposal=proposal,
        revisions=services.proposal_revisions(db.session, proposal),
        language_name=accounts.language_name,
    )
