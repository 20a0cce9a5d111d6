"""The supervisor's notes form: action points (shared with the mediator) and a private
note (theirs alone). Either may be empty; the services enforce who writes and when."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from mediator_portal.forms import one_line_end
from mediator_portal.supervision.models import NOTE_MAX

TOO_LONG = _l("The text is too long: at most %(max)d characters.")


class NoteForm(FlaskForm):
    action_points = TextAreaField(
        _l("Action points (the mediator sees them)"),
        filters=[one_line_end],
        validators=[Length(max=NOTE_MAX, message=TOO_LONG)],
    )
    private = TextAreaField(
        _l("Private note (only you see it)"),
        filters=[one_line_end],
        validators=[Length(max=NOTE_MAX, message=TOO_LONG)],
    )
