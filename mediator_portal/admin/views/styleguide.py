"""The styleguide (/admin/styleguide): every template macro rendered with sample data in
the request's language, the living reference for the pages still to come."""

from dataclasses import dataclass

from flask import render_template
from werkzeug.datastructures import MultiDict

from mediator_portal.accounts.services import language_choices
from mediator_portal.admin.forms import StyleguideForm
from mediator_portal.admin.views.common import bp
from mediator_portal.forms import UI_LANGUAGES, options
from mediator_portal.permissions import ROLE_LABELS, Permission, requires

# What the sample form "received": wrong on purpose, so that every error shows.
SAMPLE_INPUT = MultiDict({"name": "", "email": "not-an-address", "notes": "Longer than ten"})


@dataclass(frozen=True)
class SamplePage:
    """A stand-in for a query's pagination: page 2 of 5."""

    page: int = 2
    pages: int = 5

    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)

    def iter_pages(self, **_edges):
        return iter(range(1, self.pages + 1))


@bp.route("/styleguide")
@requires(Permission.ADMIN)
def styleguide() -> str:
    form = StyleguideForm(formdata=SAMPLE_INPUT)
    form.role.choices = options(ROLE_LABELS.items())
    form.languages.choices = language_choices()[:6]
    form.locale.choices = options(UI_LANGUAGES)
    form.validate()
    return render_template("admin/styleguide.html", form=form, sample_page=SamplePage())
