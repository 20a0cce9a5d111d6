"""Supervision forms. They validate input; the services enforce the rules and write. Times
are Athens wall-clock times; the views set the choices (supervisors, supervisees, groups)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

import mediator_portal.supervision.models.hours as hours_model
from mediator_portal.forms import (
    MultiCheckboxField,
    NotBlank,
    one_line_end,
    options,
    printable,
    strip,
)
from mediator_portal.supervision.models import NAME_MAX, PLACE_MAX, REASON_MAX, URL_MAX
from mediator_portal.supervision.models.notes import NOTE_MAX

MODES = (("online", _l("Online")), ("in_person", _l("In person")))


def optional_id(value):
    """A select's value as an id; empty or not a number is None."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class AssignForm(FlaskForm):
    """Assign (or move) one mediator to a supervisor; the view sets the choices."""

    supervisor = SelectField(_l("Supervisor"), coerce=optional_id, validate_choice=False)

    def validate_supervisor(self, field):
        if field.data not in {choice.value for choice in field.choices if choice.value}:
            raise ValidationError(_l("Please choose an active clinical supervisor."))


class GroupForm(FlaskForm):
    """A supervision group: its name and members (the supervisor's supervisees)."""

    name = StringField(
        _l("Name of the group"),
        filters=[strip],
        validators=[NotBlank(_l("Please give the group a name.")), Length(max=NAME_MAX), printable],
    )
    members = MultiCheckboxField(_l("Members"), coerce=int, validate_choice=False)

    def validate_members(self, field):
        known = {choice.value for choice in field.choices}
        if not field.data:
            raise ValidationError(_l("Please choose at least one mediator for the group."))
        if any(value not in known for value in field.data):
            raise ValidationError(_l("A group holds only mediators you supervise."))


class _When(FlaskForm):
    mode = RadioField(_l("Where"), choices=lambda: options(MODES), default="online")
    meeting_url = StringField(
        _l("Meeting link"), filters=[strip], validators=[Optional(), Length(max=URL_MAX)]
    )
    place = StringField(
        _l("Place"), filters=[strip], validators=[Optional(), Length(max=PLACE_MAX)]
    )
    day = DateField(_l("Day"), validators=[InputRequired(_l("Please give the day."))])
    start = TimeField(
        _l("Starts (Athens time)"), validators=[InputRequired(_l("Please give the time."))]
    )
    minutes = IntegerField(
        _l("Duration (minutes)"),
        default=60,
        validators=[
            InputRequired(_l("Please give the duration in minutes.")),
            NumberRange(min=15, max=480, message=_l("From 15 to 480 minutes.")),
        ],
    )


class SlotForm(_When):
    """A new slot, one-off or weekly until a day."""

    kind = RadioField(
        _l("Kind"),
        choices=lambda: options(
            [("individual", _l("Individual (one mediator)")), ("group", _l("Group"))]
        ),
        default="individual",
    )
    capacity = IntegerField(
        _l("Seats (group slots)"),
        validators=[Optional(), NumberRange(min=2, max=50, message=_l("From 2 to 50 seats."))],
    )
    group = SelectField(_l("For"), coerce=optional_id, validate_choice=False)
    repeat_until = DateField(_l("Repeat every week until (optional)"), validators=[Optional()])

    def validate_group(self, field):
        if field.data is not None and field.data not in {c.value for c in field.choices}:
            raise ValidationError(_l("Please choose one of your groups, or all your supervisees."))


class EditSlotForm(_When):
    """A change of a slot; the reason is told to the booked mediators."""

    capacity = IntegerField(
        _l("Seats (group slots)"),
        validators=[Optional(), NumberRange(min=2, max=50, message=_l("From 2 to 50 seats."))],
    )
    reason = TextAreaField(
        _l("Reason (told to the mediators who booked)"),
        filters=[one_line_end],
        validators=[Length(max=REASON_MAX)],
    )


class CancelForm(FlaskForm):
    """Cancel a slot, or a series from a day on; the reason is told to those booked."""

    reason = TextAreaField(
        _l("Reason (told to the mediators who booked)"),
        filters=[one_line_end],
        validators=[Length(max=REASON_MAX)],
    )
    from_day = DateField(_l("From this day on"), validators=[Optional()])


NOTE_TOO_LONG = _l("The text is too long: at most %(max)d characters.")


class NoteForm(FlaskForm):
    """A session's notes on one mediator: action points (shared with the mediator) and a
    private note (its author's alone); either may be empty."""

    action_points = TextAreaField(
        _l("Action points (the mediator sees them)"),
        filters=[one_line_end],
        validators=[Length(max=NOTE_MAX, message=NOTE_TOO_LONG)],
    )
    private = TextAreaField(
        _l("Private note (only you see it)"),
        filters=[one_line_end],
        validators=[Length(max=NOTE_MAX, message=NOTE_TOO_LONG)],
    )


class DisputeForm(FlaskForm):
    """The mediator disputes an attended session: what is wrong (for their supervisor)."""

    comment = TextAreaField(
        _l("What is wrong with this session?"),
        validators=[
            NotBlank(_l("Please say what is wrong: your supervisor reads it.")),
            Length(max=hours_model.COMMENT_MAX),
        ],
    )


class PeriodForm(FlaskForm):
    """An hours period: its name, first and last days (Athens) and target in hours."""

    name = StringField(
        _l("Name of the period"),
        filters=[strip],
        validators=[
            NotBlank(_l("Please give the period a name.")),
            Length(max=hours_model.PERIOD_NAME_MAX),
            printable,
        ],
    )
    starts_on = DateField(
        _l("First day"), validators=[InputRequired(_l("Please give the first day."))]
    )
    ends_on = DateField(_l("Last day"), validators=[InputRequired(_l("Please give the last day."))])
    target_hours = IntegerField(
        _l("Target (hours)"),
        validators=[
            InputRequired(_l("Please give the target in hours.")),
            NumberRange(min=0, max=hours_model.TARGET_MAX),
        ],
    )
