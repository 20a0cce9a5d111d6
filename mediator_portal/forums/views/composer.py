"""The texts of the composer (the `compose` macro of templates/forums/_macros.html: hint,
toolbar, live preview, draft notices, @mention suggestions), translated once per locale and
process.

The macro is on every topic page, and an imported macro asks Flask-Babel again for each
text on every render: about 20 µs a text (the page's own bound gettext does not reach
imported macros). Fifteen texts cost 0.3 ms per topic page; looked up here, about 5 µs.
"""

from functools import lru_cache
from types import MappingProxyType

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from mediator_portal.forums.views.common import bp

COMPOSER_TEXTS = {
    "hint": _l("Markdown: **bold**, *italic*, lists, > quotes, [links](https://…), tables."),
    "toolbar": _l("Formatting"),
    "bold": _l("Bold"),
    "italic": _l("Italic"),
    "link": _l("Link"),
    "list": _l("List"),
    "quote": _l("Quote"),
    "code": _l("Code"),
    "preview": _l("Preview"),
    "preview_empty": _l("Nothing to show yet."),
    "preview_offline": _l("The preview cannot be updated: the server cannot be reached."),
    "draft_offline": _l(
        "The connection is lost. What you write is kept in this tab and saved when the "
        "connection returns."
    ),
    "draft_expired": _l(
        "Your session has ended. What you write is kept in this tab: sign in again in this "
        "tab to post it."
    ),
    "draft_restored": _l("The text you had not sent yet was restored."),
    # @mentions (static/js/core/mentions.js): the suggestions' listbox and the warning.
    "mention_list": _l("People to mention"),
    "mention_cannot_read": _l("cannot read here"),
    "mention_warning_one": _l(
        "%(name)s cannot read this category: your mention will not notify them.", name="{name}"
    ),
    "mention_warning_many": _l(
        "%(names)s cannot read this category: your mention will not notify them.",
        names="{names}",
    ),
}


@bp.app_template_global("composer_texts")
def composer_texts() -> MappingProxyType:
    """The composer's texts in the request's language (keys of COMPOSER_TEXTS)."""
    return _translated(str(get_locale()))


@lru_cache(maxsize=16)
def _translated(locale: str) -> MappingProxyType:
    # The catalogue is trusted markup, as `_()` in templates treats it.
    texts = {name: Markup(str(text)) for name, text in COMPOSER_TEXTS.items()}  # noqa: S704
    return MappingProxyType(texts)
