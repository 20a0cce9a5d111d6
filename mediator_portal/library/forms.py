"""Library forms: they validate what was sent; the services check the rules and write."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from mediator_portal.accounts.services import language_choices
from mediator_portal.forms import (
    MultiCheckboxField,
    NotBlank,
    collapse_spaces,
    one_line_end,
    options,
    printable,
    strip,
)
from mediator_portal.library.models import (
    DESCRIPTION_MAX,
    FILE,
    LINK,
    NAME_MAX,
    NOTE_MAX,
    TITLE_MAX,
    URL_MAX,
)
from mediator_portal.permissions import ROLE_LABELS

NO_SECTION = 0


def _chosen_files(field) -> list:
    return [upload for upload in field.data or [] if upload and upload.filename]


class ItemForm(FlaskForm):
    """What every item has: title, description, section, languages, tags, audience."""

    title = StringField(
        _l("Title"),
        filters=[collapse_spaces],
        validators=[
            Length(max=TITLE_MAX, message=_l("The title is too long: at most %(max)d characters.")),
            printable,
        ],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[one_line_end],
        validators=[
            Length(
                max=DESCRIPTION_MAX,
                message=_l("The description is too long: at most %(max)d characters."),
            )
        ],
    )
    section = SelectField(_l("Section"), coerce=int, validate_choice=True, default=NO_SECTION)
    languages = MultiCheckboxField(_l("Languages of the material"))
    tags = StringField(
        _l("Tags"),
        filters=[collapse_spaces],
        validators=[Length(max=600), printable],
    )
    visible_to = MultiCheckboxField(_l("Who may see it (none ticked: every member)"))

    def __init__(self, *args, sections=(), locale="el", **kwargs):
        super().__init__(*args, **kwargs)
        self.section.choices = options(
            [(NO_SECTION, _l("No section"))]
            + [(section.id, section.label(locale)) for section in sections]
        )
        self.languages.choices = options(language_choices())
        self.visible_to.choices = options(
            (role.value, label) for role, label in ROLE_LABELS.items()
        )

    def values(self) -> dict:
        """The fields as the services take them."""
        return {
            "title": self.title.data or "",
            "description": self.description.data or "",
            "section": self.section.data or None,
            "languages": self.languages.data or [],
            "tags": self.tags.data or "",
            "visible_to": self.visible_to.data or [],
        }


class NewItemForm(ItemForm):
    """A link, or one or several files (one item per file)."""

    kind = RadioField(_l("What are you adding?"), default=FILE)
    files = MultipleFileField(_l("Files"))
    url = StringField(_l("Web address"), filters=[strip], validators=[Length(max=URL_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options(
            [(FILE, _l("One or more files")), (LINK, _l("A link to a web page or video"))]
        )

    def validate_files(self, field):
        if self.kind.data == FILE and not _chosen_files(field):
            raise ValidationError(_l("Please choose at least one file."))

    def validate_url(self, field):
        if self.kind.data == LINK and not field.data:
            raise ValidationError(_l("Please give the web address."))

    def validate_title(self, field):
        if self.kind.data == LINK and not field.data:
            raise ValidationError(_l("Please give the link a title."))

    def chosen_files(self) -> list:
        return _chosen_files(self.files)


class EditItemForm(ItemForm):
    title = StringField(
        _l("Title"),
        filters=[collapse_spaces],
        validators=[
            NotBlank(_l("Please give the item a title.")),
            Length(max=TITLE_MAX, message=_l("The title is too long: at most %(max)d characters.")),
            printable,
        ],
    )
    url = StringField(_l("Web address"), filters=[strip], validators=[Length(max=URL_MAX)])


class ReplaceForm(FlaskForm):
    """A new version of an item's file, with a note saying what changed."""

    file = FileField(_l("New file"))
    note = StringField(
        _l("What changed"),
        filters=[collapse_spaces],
        validators=[Length(max=NOTE_MAX), printable],
    )

    def validate_file(self, field):
        if not field.data or not field.data.filename:
            raise ValidationError(_l("Please choose the new file."))


class SectionForm(FlaskForm):
    name_el = StringField(
        _l("Name (Greek)"),
        filters=[collapse_spaces],
        validators=[
            NotBlank(_l("Please give the section a name.")),
            Length(max=NAME_MAX),
            printable,
        ],
    )
    name_en = StringField(
        _l("Name (English)"),
        filters=[collapse_spaces],
        validators=[Length(max=NAME_MAX), printable],
    )
