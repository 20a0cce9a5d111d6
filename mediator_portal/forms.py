"""What every feature's forms share: the POST button, checkbox lists, filters and validators.

Forms validate what was sent; they never write. A form that fails validation is shown
again with its messages beside the fields, what was typed kept, and status 422
(`form_status`), in every feature.
"""

import unicodedata
from collections.abc import Iterable

from flask import abort, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

INVALID_FORM = 422
UI_LANGUAGES = [("el", "Ελληνικά"), ("en", "English")]


class JsonForm(FlaskForm):
    """A form that may also be sent as a JSON object (the page's scripts do): a key that is
    none of its fields is refused, as a form field the browser would never send."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        payload = request.get_json(silent=True) if request.is_json else None
        if isinstance(payload, dict) and set(payload) - set(self._fields):
            self.form_errors.append(_l("The request holds fields this form does not take."))
            return False
        return valid


class ButtonForm(FlaskForm):
    """A POST button (support, delete, deactivate…): no fields, only the CSRF token."""


def require_button() -> None:
    """Check the CSRF token of a POST button; a bad or missing token answers 400."""
    if not ButtonForm().validate_on_submit():
        abort(400)


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes (usable without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def form_status(form: FlaskForm, status: int | None = None) -> int:
    """The status of a page showing `form`: `status` (a service error's) when given, 422
    when the form has errors, else 200."""
    return status or (INVALID_FORM if form.errors else 200)


def json_invalid(form: FlaskForm, status: int | None = None):
    """The JSON answer to a form sent as JSON that did not validate: its messages and 422
    (or the service error's `status`)."""
    messages = [str(message) for messages in form.errors.values() for message in messages]
    code = status or INVALID_FORM
    return jsonify(
        error="invalid", code="invalid_form", message=" ".join(messages), status=code
    ), code


def options(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """(value, label) pairs as select choices, lazy labels translated now."""
    return [SelectChoice(value, str(label)) for value, label in pairs]


def strip(value):
    """Filter: surrounding white space removed from text."""
    return value.strip() if isinstance(value, str) else value


def collapse_spaces(value):
    """Filter: trimmed, runs of white space (tabs and new lines included) made one space."""
    return " ".join(value.split()) if isinstance(value, str) else value


def one_line_end(value):
    """Filter: browsers send CRLF; a line end counts and is stored as one character."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def printable(_form, field) -> None:
    """Validator: no invisible control characters (NUL, bell, escape…) in a line of text."""
    if field.data and any(unicodedata.category(ch) == "Cc" for ch in field.data):
        raise ValidationError(_l("Remove the invisible control characters from this text."))


class NotBlank:
    """Validator: refuse empty and whitespace-only input with `message`, keeping the text."""

    def __init__(self, message):
        self.message = message

    def __call__(self, _form, field):
        if not (field.data or "").strip():
            raise ValidationError(self.message)


def valid_data(form: FlaskForm) -> dict:
    """The data of the fields of a filter form that passed validation (others count as unset)."""
    form.validate()
    errors = form.errors
    return {name: (None if name in errors else value) for name, value in form.data.items()}
