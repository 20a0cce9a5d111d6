"""Training sessions: the list (upcoming, past), the month calendar, a session's page with
the answers (going, maybe, not going; the waitlist) and its material, and creating one
(trainers)."""

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from mediator_portal.accounts import services as accounts
from mediator_portal.arguments import page_number
from mediator_portal.calendar_files import CANCELLED, calendar_file
from mediator_portal.errors import wants_json
from mediator_portal.extensions import db
from mediator_portal.forms import form_status, options, require_button
from mediator_portal.mailer import external_url
from mediator_portal.month_calendar import month_argument
from mediator_portal.permissions import Permission, requires
from mediator_portal.training import services
from mediator_portal.training.forms import MaterialForm, SessionForm
from mediator_portal.training.services import TrainingError
from mediator_portal.training.views.common import bp, form_failed, locale


@bp.route("/sessions")
@requires(Permission.TOPIC_PROPOSE)
def sessions():
    past = request.args.get("when") == "past"
    page = services.session_page(db.session, past=past, page=page_number())
    return render_template("training/sessions.html", page=page, past=past)


@bp.route("/sessions/calendar")
@requires(Permission.TOPIC_PROPOSE)
def calendar():
    shown = services.month_calendar(db.session, *month_argument())
    return render_template("training/calendar.html", month=shown)


def render_session(row, material_form: MaterialForm | None = None) -> str:
    """The session's page; `material_form`: the material form as sent (trainers)."""
    manager = services.can_manage(current_user)
    return render_template(
        "training/session.html",
        row=row,
        covers=services.proposals_of_session(db.session, row),
        answers=services.answers_of_session(db.session, row, current_user),
        material=services.material_of(db.session, row, current_user),
        material_form=material_form or (MaterialForm() if manager else None),
        link_open=services.meeting_link_open(row),
        over=row.ends_at <= services.utcnow(),
        started=services.has_started(row),
    )


@bp.route("/sessions/<int:session_id>")
@requires(Permission.TOPIC_PROPOSE)
def session(session_id: int):
    return render_session(services.get_session(db.session, session_id))


@bp.route("/sessions/<int:session_id>.ics")
@requires(Permission.TOPIC_PROPOSE)
def session_ics(session_id: int):
    """The session as a calendar file (Athens time with its VTIMEZONE). The meeting link
    stays on the page, shown from 30 minutes before: the file links the page."""
    row = services.get_session(db.session, session_id)
    page = external_url("training.session", session_id=row.id)
    description = f"{row.description}\n\n{page}".strip()
    status = CANCELLED if row.cancelled_at else ""
    event = services.session_event(
        row, description=description, stamp=row.created_at, status=status
    )
    response = Response(calendar_file([event]), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="session-{row.id}.ics"'
    return response


@bp.route("/sessions/<int:session_id>/rsvp", methods=["POST"])
@requires(Permission.TOPIC_PROPOSE)
def rsvp(session_id: int):
    require_button()
    row = services.get_session(db.session, session_id)
    result = services.answer_session(db.session, row, current_user, request.form.get("value", ""))
    db.session.commit()
    if wants_json():
        return jsonify(answer=result)
    messages = {
        services.GOING: _("You are going: a place is kept for you."),
        services.WAITLISTED: _(
            "The session is full: you are on the waitlist, in the order you asked."
        ),
        services.MAYBE: _("Your answer is saved: maybe."),
        services.NOT_GOING: _("Your answer is saved: not going."),
    }
    flash(messages[result], "success")
    return redirect(url_for("training.session", session_id=row.id) + "#rsvp")


def municipality_choices():
    here = locale()
    rows = db.session.scalars(
        select(accounts.Municipality)
        .where(accounts.Municipality.active.is_(True))
        .order_by(accounts.Municipality.name)
    )
    return options([("", _("None"))] + [(row.id, row.label(here)) for row in rows])


@bp.route("/sessions/new", methods=["GET", "POST"])
@requires(Permission.TRAINING_MANAGE)
def new_session():
    form, status = SessionForm(), None
    form.municipality.choices = municipality_choices()
    accepted = {proposal.id: proposal for proposal in services.accepted_proposals(db.session)}
    form.proposals.choices = options((pid, proposal.title) for pid, proposal in accepted.items())
    if form.validate_on_submit():
        try:
            made = services.create_session(
                db.session,
                actor=current_user,
                title=form.title.data,
                description=form.description.data or "",
                online=form.mode.data == "online",
                meeting_url=form.meeting_url.data,
                place=form.place.data,
                municipality_id=form.municipality.data,
                day=form.day.data,
                start=form.start.data,
                end=form.end.data,
                capacity=form.capacity.data,
            )
            chosen = [accepted[pid] for pid in form.proposals.data or () if pid in accepted]
            if chosen:
                db.session.flush()
                services.schedule(
                    db.session,
                    chosen,
                    row=made.session,
                    actor=current_user,
                    body=_scheduled_text(made.session),
                )
        except TrainingError as error:
            status = form_failed(form, error, session_field(error))
        else:
            db.session.commit()
            flash(_("The session is published."), "success")
            if made.ambiguous:
                flash_repeated_hour()
            return redirect(url_for("training.session", session_id=made.session.id))
    page = render_template("training/session_form.html", form=form, row=None)
    return page, form_status(form, status)


def flash_repeated_hour() -> None:
    """Say that the time given happens twice that night, and which one is meant."""
    flash(
        _(
            "That time happens twice that night, when the clocks go back: "
            "the session is set at the first one (summer time)."
        ),
        "warning",
    )


def _scheduled_text(row) -> str:
    """The public answer of a proposal attached to session `row` (Markdown, with its link)."""
    link = url_for("training.session", session_id=row.id)
    when = format_datetime(row.starts_at, "d MMM y, HH:mm")
    return _(
        "Scheduled: the training session [%(title)s](%(url)s), %(when)s (Athens time).",
        title=row.title.replace("]", ")").replace("[", "("),
        url=link,
        when=when,
    )


def session_field(error: TrainingError) -> str:
    if isinstance(error, services.TimeDoesNotExist | services.EndsBeforeStart):
        return "end" if isinstance(error, services.EndsBeforeStart) else "start"
    if isinstance(error, services.BadMeetingLink):
        return "meeting_url"
    if isinstance(error, services.MissingPlace):
        return "place"
    if isinstance(error, services.BadCapacity):
        return "capacity"
    if isinstance(error, services.InvalidTransition):
        return "proposals"
    return "title"
