"""Account forms: sign-in, passwords, profile."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from mediator_portal.accounts.services.languages import language_choices
from mediator_portal.forms import (
    UI_LANGUAGES,
    MultiCheckboxField,
    collapse_spaces,
    options,
    printable,
)


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
        validators=[DataRequired(), Length(min=2, max=120), printable],
    )
    languages = MultiCheckboxField(
        _l("Working languages"), choices=lambda: options(language_choices())
    )
    locale = RadioField(_l("Interface language"), choices=options(UI_LANGUAGES), default="el")
