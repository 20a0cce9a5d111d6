"""Training forms. They validate input; the services enforce the rules and write."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from mediator_portal.forms import (
    MultiCheckboxField,
    NotBlank,
    collapse_spaces,
    one_line_end,
    options,
    printable,
    strip,
)
from mediator_portal.permissions import ROLE_LABELS
from mediator_portal.training.models import BODY_MAX, THEME_NAME_MAX, TITLE_MAX

TEXT_HINT = _l("Markdown: **bold**, *italic*, lists, > quotes, [links](https://…).")


def optional_id(value):
    """Coerce a select's value to an id; empty or not a number is None."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def text_field(label, message):
    return TextAreaField(
        label,
        filters=[one_line_end],
        validators=[
            NotBlank(message),
            Length(
                max=BODY_MAX,
                message=_l(
                    "The text is too long: at most %(limit)s characters are allowed.",
                    limit=BODY_MAX,
                ),
            ),
        ],
    )


class ProposalForm(FlaskForm):
    """A new proposal: its choices (themes, languages) are set by the view."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[
            NotBlank(_l("Please give the proposal a title.")),
            Length(
                max=TITLE_MAX,
                message=_l("The title is too long: at most %(limit)s characters.", limit=TITLE_MAX),
            ),
            printable,
        ],
    )
    body = text_field(_l("Description"), _l("Please describe what the training should cover."))
    theme = SelectField(_l("Theme"), coerce=optional_id, validate_choice=False)
    languages = MultiCheckboxField(_l("Languages (optional)"), validate_choice=False)

    def validate_theme(self, field):
        if field.data not in {choice.value for choice in field.choices if choice.value}:
            raise ValidationError(_l("Please choose one of the themes in the list."))

    def validate_languages(self, field):
        known = {choice.value for choice in field.choices}
        if any(code not in known for code in field.data or ()):
            raise ValidationError(_l("Please choose languages from the list."))


class EditProposalForm(ProposalForm):
    """Editing a proposal: which version the form was opened on (`seen`)."""

    seen = HiddenField(validators=[Length(max=64)])


class CommentForm(FlaskForm):
    body = text_field(_l("Comment"), _l("Please write something before posting."))


class NoteForm(FlaskForm):
    body = text_field(_l("Private note"), _l("Please write the note."))


class AnswerForm(FlaskForm):
    """A status change with its public answer; the view sets the statuses allowed now."""

    status = RadioField(_l("New status"), validate_choice=False)
    merge_into = StringField(
        _l("Number of the proposal to merge into"),
        filters=[strip],
        validators=[Length(max=12)],
    )
    body = text_field(_l("Public answer"), _l("Please write the answer members will read."))

    def validate_status(self, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Please choose one of the statuses offered."))

    def validate_merge_into(self, field):
        value = field.data or ""
        if (self.status.data == "merged" or value) and not (value.isascii() and value.isdigit()):
            raise ValidationError(_l("Please give the number of the proposal to merge into."))


class ThemeForm(FlaskForm):
    name_el = StringField(
        _l("Name in Greek"),
        filters=[strip],
        validators=[
            NotBlank(_l("Please give the theme a Greek name.")),
            Length(max=THEME_NAME_MAX),
            printable,
        ],
    )
    name_en = StringField(
        _l("Name in English"),
        filters=[strip],
        validators=[Optional(), Length(max=THEME_NAME_MAX), printable],
    )
    archived = BooleanField(_l("Archived (no longer offered for new proposals)"))


class ListFilterForm(FlaskForm):
    """The list's sort and filters (sent with GET, no CSRF); unknown values count as unset."""

    class Meta:
        csrf = False

    sort = SelectField(
        _l("Sort by"),
        choices=lambda: options(
            [
                ("support", _l("Most supported")),
                ("newest", _l("Newest")),
                ("answered", _l("Recently answered")),
            ]
        ),
        default="support",
    )
    theme = SelectField(_l("Theme"), coerce=optional_id, validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    scope = SelectField(
        _l("Show"),
        choices=lambda: options(
            [
                ("all", _l("All proposals")),
                ("mine", _l("My proposals")),
                ("supported", _l("Proposals I support")),
            ]
        ),
        default="all",
    )


class SessionForm(FlaskForm):
    """A new session; times are Athens wall-clock times. The view sets the municipalities."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[NotBlank(_l("Please give the session a title.")), Length(max=TITLE_MAX)],
    )
    description = TextAreaField(
        _l("Description"), filters=[one_line_end], validators=[Length(max=BODY_MAX)]
    )
    mode = RadioField(
        _l("Where"),
        choices=lambda: options([("online", _l("Online")), ("in_person", _l("In person"))]),
        default="online",
    )
    meeting_url = StringField(
        _l("Meeting link"), filters=[strip], validators=[Optional(), Length(max=500)]
    )
    place = StringField(_l("Place"), filters=[strip], validators=[Optional(), Length(max=200)])
    municipality = SelectField(_l("Municipality"), coerce=optional_id, validate_choice=False)
    day = DateField(_l("Day"), validators=[InputRequired(_l("Please give the day."))])
    start = TimeField(
        _l("Starts (Athens time)"), validators=[InputRequired(_l("Please give the time."))]
    )
    end = TimeField(
        _l("Ends (Athens time)"), validators=[InputRequired(_l("Please give the time."))]
    )
    proposals = MultiCheckboxField(
        _l("Accepted proposals this session covers (optional)"), coerce=int, validate_choice=False
    )
    capacity = IntegerField(
        _l("Places (empty: no limit)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=1000, message=_l("From 1 to 1000, or empty for no limit.")),
        ],
    )


class PeriodForm(FlaskForm):
    """A training record's period, in Athens calendar days (sent with GET, no CSRF)."""

    class Meta:
        csrf = False

    since = DateField(_l("From (date)"), validators=[Optional()])
    until = DateField(_l("To (date, included)"), validators=[Optional()])

    def validate_since(self, field) -> None:
        if field.data and not 2000 <= field.data.year <= 2999:
            raise ValidationError(
                _l("Please enter a date between %(low)d and %(high)d.", low=2000, high=2999)
            )

    def validate_until(self, field) -> None:
        self.validate_since(field)
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date must not be before the start date."))


class RecordsFilterForm(PeriodForm):
    """The records overview's filters: the period, a region, a municipality; the view sets
    the choices."""

    region_id = SelectField(_l("Region"), coerce=optional_id)
    municipality_id = SelectField(_l("Municipality"), coerce=optional_id)


LINK_URL_MAX = 2000  # the library's limit for a link


class MaterialForm(FlaskForm):
    """The session's material: one or more files, or a link (stored in the library)."""

    kind = RadioField(
        _l("What are you adding?"),
        choices=lambda: options(
            [("file", _l("One or more files")), ("link", _l("A link to a web page or video"))]
        ),
        default="file",
    )
    files = MultipleFileField(_l("Files"))
    url = StringField(_l("Web address"), filters=[strip], validators=[Length(max=LINK_URL_MAX)])
    title = StringField(
        _l("Title"),
        filters=[collapse_spaces],
        validators=[Length(max=TITLE_MAX), printable],
    )
    visible_to = MultiCheckboxField(
        _l("Who may see it (none ticked: every member)"),
        choices=lambda: options((role.value, label) for role, label in ROLE_LABELS.items()),
    )

    def chosen_files(self) -> list:
        return [upload for upload in self.files.data or [] if upload and upload.filename]

    def validate_files(self, field):
        if self.kind.data == "file" and not self.chosen_files():
            raise ValidationError(_l("Please choose at least one file."))

    def validate_url(self, field):
        if self.kind.data == "link" and not field.data:
            raise ValidationError(_l("Please give the web address."))

    def validate_title(self, field):
        if self.kind.data == "link" and not field.data:
            raise ValidationError(_l("Please give the link a title."))


class SessionEditForm(SessionForm):
    """A published session's changes (the proposals it covers are attached when it is made)."""

    proposals = None


class CancelSessionForm(FlaskForm):
    """Cancelling a session: the reason, told to everyone who answered."""

    reason = TextAreaField(
        _l("Why is it cancelled?"),
        filters=[one_line_end],
        validators=[
            NotBlank(_l("Please say why the session is cancelled: everyone who answered is told.")),
            Length(max=1000),
        ],
    )
