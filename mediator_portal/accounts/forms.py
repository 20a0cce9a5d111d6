"""Account forms: sign-in, passwords, profile."""

import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from mediator_portal.accounts.languages import language_choices

UI_LANGUAGES = [("el", "Ελληνικά"), ("en", "English")]


def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def collapse_spaces(value):
    """Form filter: trim and collapse runs of white space (tabs and new lines included)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def no_control_characters(_form, field) -> None:
    """Refuse invisible control characters (NUL, bell, escape…) in a line of text."""
    if field.data and any(unicodedata.category(ch) == "Cc" for ch in field.data):
        raise ValidationError(_l("Remove the invisible control characters from this text."))


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes (usable without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class ForgotPasswordForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])


class NewPasswordForm(FlaskForm):
    """Choose a password (invitation and reset)."""

    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1024)])


class ProfileForm(FlaskForm):
    name = StringField(
        _l("Full name"),
        filters=[collapse_spaces],
        validators=[DataRequired(), Length(min=2, max=120), no_control_characters],
    )
    languages = MultiCheckboxField(
        _l("Working languages"), choices=lambda: select_choices(language_choices())
    )
    locale = RadioField(
        _l("Interface language"), choices=select_choices(UI_LANGUAGES), default="el"
    )
