"""Message board forms. They validate input; the services enforce the rules and write."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from mediator_portal.forms import MultiCheckboxField, NotBlank, one_line_end
from mediator_portal.forums.models import BODY_MAX, REASON_MAX, TITLE_MAX
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


class PostingForm(FlaskForm):
    """Shared by the writing forms: "Preview" re-shows the form with the rendered text."""

    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Post"))


class TopicForm(PostingForm):
    title = title_field()
    body = body_field()
    submit = SubmitField(_l("Start the topic"))


class ReplyForm(PostingForm):
    body = body_field(_l("Your reply"))
    submit = SubmitField(_l("Post the reply"))


class EditPostForm(PostingForm):
    title = StringField(_l("Title"), validators=[Length(max=TITLE_MAX)])
    body = body_field()
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
