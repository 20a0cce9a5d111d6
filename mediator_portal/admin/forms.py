"""Administration forms: accounts, roles, regions, municipalities, list filters, buttons.

Forms validate what was sent; they never write. Select fields whose choices come
from the database get them from the view (`set_*_choices`).
"""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from mediator_portal.accounts.services import Municipality, User, language_choices
from mediator_portal.audit import ACTIONS
from mediator_portal.forms import (
    UI_LANGUAGES,
    MultiCheckboxField,
    options,
    printable,
    strip,
)
from mediator_portal.permissions import ROLE_LABELS, Role
from mediator_portal.search import fold

NONE_LABEL = "—"
MIN_YEAR, MAX_YEAR = 2000, 2999
NAME_KEY_LENGTH = User.name_key.type.length
STATUS_LABELS = {
    "active": _l("Active"),
    "invited": _l("Invited, no password yet"),
    "deactivated": _l("Deactivated"),
}


def optional_id(value) -> int | None:
    """Coerce a select value to an id; "" (nothing chosen) is None. Raises ValueError."""
    if value is None or value == "":
        return None
    return int(value)


def searchable(_form, field) -> None:
    """Validator: the name's search key (see `search.fold`, which can lengthen text) fits."""
    if len(fold(field.data)) > NAME_KEY_LENGTH:
        raise ValidationError(_l("This name is too long."))


def plausible_date(_form, field) -> None:
    """Validator: a date the portal can have records for (and can compute with)."""
    if field.data and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        raise ValidationError(
            _l("Please enter a date between %(low)d and %(high)d.", low=MIN_YEAR, high=MAX_YEAR)
        )


def role_choices() -> list[SelectChoice]:
    """Every role with its translated label."""
    return options((role.value, ROLE_LABELS[role]) for role in Role)


def place_choices(places: Iterable, locale: str, *, empty=NONE_LABEL) -> list[SelectChoice]:
    """Choices for a select of regions, or of municipalities grouped by region, with a first
    "nothing" option.
    """
    choices = [SelectChoice("", str(empty))]
    for place in places:
        group = place.region.label(locale) if isinstance(place, Municipality) else None
        choices.append(SelectChoice(str(place.id), place.label(locale), optgroup=group))
    return choices


class UserForm(FlaskForm):
    """An account's details, edited by an administrator."""

    name = StringField(
        _l("Full name"),
        filters=[strip],
        validators=[DataRequired(), Length(min=2, max=120), printable, searchable],
    )
    email = EmailField(
        _l("E-mail"),
        filters=[strip],
        validators=[DataRequired(), Length(max=254), Email(_l("Please enter a valid e-mail."))],
    )
    municipality_id = SelectField(_l("Municipality"), coerce=optional_id, validate_choice=True)
    languages = MultiCheckboxField(
        _l("Working languages"), choices=lambda: options(language_choices())
    )
    locale = RadioField(_l("Interface language"), choices=options(UI_LANGUAGES), default="el")


class InviteForm(UserForm):
    """A new account: its details and role."""

    role = SelectField(_l("Role"), choices=role_choices, default=Role.MEDIATOR.value)


class RoleForm(FlaskForm):
    """Change the role of an account."""

    role = SelectField(_l("Role"), choices=role_choices)


class UserFilterForm(FlaskForm):
    """The filters of the account list (sent with GET, no CSRF)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name or e-mail"), filters=[strip], validators=[Length(max=200)])
    role = SelectField(
        _l("Role"),
        choices=lambda: [SelectChoice("", str(_l("All roles"))), *role_choices()],
        default="",
    )
    status = SelectField(
        _l("Status"),
        choices=lambda: options([("", _l("All")), *STATUS_LABELS.items()]),
        default="",
    )
    region_id = SelectField(_l("Region"), coerce=optional_id)
    municipality_id = SelectField(_l("Municipality"), coerce=optional_id)


class RegionForm(FlaskForm):
    """A region's names."""

    name = StringField(
        _l("Name in Greek"),
        filters=[strip],
        validators=[DataRequired(), Length(min=2, max=120), printable],
    )
    name_en = StringField(
        _l("Name in English"),
        filters=[strip],
        validators=[Optional(), Length(max=120), printable],
    )


class MunicipalityForm(RegionForm):
    """A municipality: its region and names."""

    region_id = SelectField(_l("Region"), coerce=optional_id, validators=[DataRequired()])


class AuditFilterForm(FlaskForm):
    """The filters of the audit log (sent with GET, no CSRF); dates are Athens calendar days."""

    class Meta:
        csrf = False

    actor_id = SelectField(_l("Who"), coerce=optional_id)
    action = SelectField(
        _l("Action"),
        choices=lambda: options([("", _l("All actions")), *ACTIONS.items()]),
        default="",
    )
    since = DateField(_l("From (date)"), validators=[Optional(), plausible_date])
    until = DateField(_l("To (date, included)"), validators=[Optional(), plausible_date])

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date must not be before the start date."))


class StyleguideForm(FlaskForm):
    """The styleguide's sample form (/admin/styleguide): every kind of field, shown once
    filled in wrongly so that its error markup can be seen. Never sent anywhere; the view
    sets the choices (in the request's language)."""

    class Meta:
        csrf = False

    name = StringField(_l("Full name"), validators=[DataRequired()])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    role = SelectField(_l("Role"), choices=[])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=10)])
    languages = MultiCheckboxField(_l("Languages"), choices=[], validators=[DataRequired()])
    locale = RadioField(_l("Language of the portal"), choices=[], validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in on this device"))
