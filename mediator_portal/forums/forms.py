"""Message board forms. They validate input; the services enforce the rules and write."""

import secrets

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    MultipleFileField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from mediator_portal.forms import JsonForm, MultiCheckboxField, NotBlank, one_line_end
from mediator_portal.forums.models import BODY_MAX, KEY_MAX, REASON_MAX, TITLE_MAX
from mediator_portal.forums.services.attachments import NewFiles
from mediator_portal.forums.services.errors import BODY_LIMIT
from mediator_portal.permissions import ROLE_LABELS

BODY_HINT = _l("Markdown: **bold**, *italic*, lists, > quotes, [links](https://…), tables.")


def _role_choices():
    return [(role.value, label) for role, label in ROLE_LABELS.items()]


def body_field(label=None):
    return TextAreaField(
        label or _l("Message"),
        filters=[one_line_end],
        validators=[
            NotBlank(_l("Please write something before posting.")),
            Length(
                max=BODY_MAX,
                message=_l(
                    "The text is too long: at most %(limit)s characters are allowed.",
                    limit=BODY_LIMIT,
                ),
            ),
        ],
    )


def title_field():
    return StringField(
        _l("Title"),
        validators=[
            NotBlank(_l("Please give the topic a title.")),
            Length(
                max=TITLE_MAX,
                message=_l("The title is too long: at most %(limit)s characters.", limit=TITLE_MAX),
            ),
        ],
    )


class PostingForm(JsonForm):
    """Shared by the writing forms: "Preview" re-shows the form with the rendered text."""

    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Post"))


def form_key() -> str:
    """A new random key for a form that creates something (see `idempotency_key_field`)."""
    return secrets.token_urlsafe(24)


def idempotency_key_field():
    """The random key a writing form is shown with: the same form sent twice (a double
    click, a retry after a lost answer) is recognised and creates one post."""
    # An explicit (never shown) label: without one, WTForms asks Flask-WTF to translate the
    # field's name, which loads WTForms' catalogue from disk on every page with a reply form.
    return HiddenField(
        "",
        default=form_key,
        validators=[Optional(), Regexp(rf"^[A-Za-z0-9_-]{{16,{KEY_MAX}}}$")],
    )


class AttachingForm(PostingForm):
    """A writing form that takes files: picked in the form (`files`, without JavaScript) or
    uploaded beforehand by the composer's script (`attachment`: ids of pending uploads)."""

    files = MultipleFileField(_l("Attach images or PDFs"))
    attachment = SelectMultipleField(
        "", coerce=int, validate_choice=False, render_kw={"hidden": True}
    )

    def new_files(self, remove_ids=()):
        """The file changes sent with the form (services.NewFiles)."""
        return NewFiles(
            uploads=self.files.data or (),
            pending_ids=self.attachment.data or (),
            remove_ids=remove_ids,
        )


class TopicForm(AttachingForm):
    title = title_field()
    body = body_field()
    # Shown to administrators only (Permission.FORUM_ANNOUNCE); refused from anyone else.
    announce = BooleanField(_l("Announce it to everyone who can read this category"))
    idempotency_key = idempotency_key_field()
    submit = SubmitField(_l("Start the topic"))


class ReplyForm(AttachingForm):
    body = body_field(_l("Your reply"))
    idempotency_key = idempotency_key_field()
    submit = SubmitField(_l("Post the reply"))


class EditPostForm(AttachingForm):
    title = StringField(_l("Title"), validators=[Length(max=TITLE_MAX)])
    body = body_field()
    # The post's files to take away (their ids; choices set by the view).
    remove_attachment = MultiCheckboxField(_l("Remove"), coerce=int)
    submit = SubmitField(_l("Save the changes"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[NotBlank(_l("Please give a reason.")), Length(max=REASON_MAX)],
    )


class MoveForm(FlaskForm):
    category = SelectField(_l("Move to category"), coerce=int, validate_choice=True)


class CategoryForm(FlaskForm):
    name_el = StringField(_l("Name (Greek)"), validators=[DataRequired(), Length(max=120)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=120)])
    description_el = TextAreaField(_l("Description (Greek)"), validators=[Length(max=2000)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Length(max=2000)])
    visible_to = MultiCheckboxField(_l("Who may see it (none ticked: everyone)"))
    can_start_topics = MultiCheckboxField(
        _l("Who may start topics (none ticked: everyone who can see it)")
    )
    sensitive = BooleanField(
        _l("Sensitive (case discussions): remind people not to write personal data")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_to.choices = _role_choices()
        self.can_start_topics.choices = _role_choices()
