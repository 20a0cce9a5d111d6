"""The notifications feature's forms: the watch level, the e-mail preferences."""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional

from mediator_portal.forms import options
from mediator_portal.notifications.services import (
    DELIVERIES,
    DELIVERY_LABELS,
    KINDS,
    LEVEL_LABELS,
    MAX_PAUSE_DAYS,
)


class WatchForm(FlaskForm):
    """A watching level for one topic or category; `next`: the page to go back to."""

    level = RadioField(
        _l("Notifications"),
        choices=lambda: options((name, gettext(label)) for name, label in LEVEL_LABELS.items()),
        validators=[InputRequired()],
    )
    next = HiddenField()


class PreferencesForm(FlaskForm):
    """E-mail per kind (fields `kind_<name>`, added below), the digest hour, a pause."""

    digest_hour = SelectField(
        _l("Hour of the daily digest (Athens time)"),
        choices=options((hour, f"{hour:02d}:00") for hour in range(24)),
        coerce=int,
        validators=[InputRequired()],
    )
    pause_days = IntegerField(
        _l("Pause e-mail for this many days (0: no pause)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_PAUSE_DAYS)],
        default=0,
    )

    def kind_fields(self):
        """(kind name, its field) in the order of KINDS."""
        return [(name, self[f"kind_{name}"]) for name in KINDS]

    def deliveries(self) -> dict[str, str]:
        return {name: field.data for name, field in self.kind_fields()}


def preferences_form(**data) -> PreferencesForm:
    """The form with one delivery choice per known kind (kinds may be added by features)."""

    class Form(PreferencesForm):
        pass

    for name, kind in KINDS.items():
        setattr(
            Form,
            f"kind_{name}",
            RadioField(
                kind.label,
                choices=lambda: options((value, DELIVERY_LABELS[value]) for value in DELIVERIES),
                validators=[InputRequired()],
            ),
        )
    return Form(**data)
