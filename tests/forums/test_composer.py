"""The composer's markup as the server sends it: a hidden toolbar (shown by the script) with
every button labelled in the page's language, and the texts translated once per language
(the page's catalogue: templates/forums/_compose.html is imported with context), on the
reply, new-topic and edit forms."""

import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.forums.models import Post
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

BUTTONS = ("bold", "italic", "link", "list", "quote", "code")
# The composer's texts (msgids of templates/forums/_compose.html), by name.
COMPOSER_TEXTS = {
    "toolbar": "Formatting",
    "bold": "Bold",
    "italic": "Italic",
    "link": "Link",
    "list": "List",
    "quote": "Quote",
    "code": "Code",
    "mention_list": "People to mention",
    "mention_cannot_read": "cannot read here",
}
WARNINGS = {
    "mention_warning_one": (
        "%(name)s cannot read this category: your mention will not notify them.",
        "name",
    ),
    "mention_warning_many": (
        "%(names)s cannot read this category: your mention will not notify them.",
        "names",
    ),
}
TOOLBAR = re.compile(r'<div class="composer-toolbar" role="toolbar"[^>]*>(.*?)</div>', re.S)


@pytest.fixture
def board(seed, logged_in):
    browser = logged_in("mediator")

    def create():
        category = make_category(name_en="Exchange")
        topic = make_topic(category, author=account(browser), title="Γλωσσάρια", body="Πρώτο")
        first = db.session.scalar(select(Post.id).where(Post.topic_id == topic.id))
        return {"category": category.id, "topic": topic.id, "post": first}

    return browser, seed(create)


@pytest.mark.parametrize("lang", ["el", "en"])
def test_the_forms_carry_a_hidden_toolbar_labelled_in_the_page_language(app, board, lang):
    browser, ids = board
    texts = page_texts(app, lang)
    for path in (
        f"/forums/t/{ids['topic']}",
        f"/forums/t/{ids['topic']}/reply",
        f"/forums/c/{ids['category']}/new",
        f"/forums/p/{ids['post']}/edit",
    ):
        page = browser.get(f"{path}?lang={lang}").text
        opening = re.search(r'<div class="composer-toolbar"[^>]*>', page).group(0)
        assert " hidden " in opening, path  # shown by the script only
        assert f'aria-label="{texts["toolbar"]}"' in opening
        buttons = re.findall(r"<button [^>]*data-format=\"(\w+)\".*?</button>", page)
        assert buttons == list(BUTTONS), path
        toolbar = TOOLBAR.search(page).group(1)
        for name in BUTTONS:
            assert f'<span class="visually-hidden">{texts[name]}</span>' in toolbar
        assert "data-composer-preview" in page


def page_texts(app, lang: str) -> dict[str, str]:
    """The composer's texts as a page in `lang` shows them."""
    with app.test_request_context(), force_locale(lang):
        texts = {name: _(msgid) for name, msgid in COMPOSER_TEXTS.items()}
        for name, (msgid, variable) in WARNINGS.items():
            texts[name] = _(msgid, **{variable: f"{{{variable}}}"})
    return texts


def test_the_greek_texts_are_translated(app):
    greek, english = page_texts(app, "el"), page_texts(app, "en")
    assert english["bold"] == "Bold"
    assert all(greek[name] != english[name] for name in greek)


@pytest.mark.parametrize("lang", ["el", "en"])
def test_the_forms_carry_the_mention_list_and_warning_in_the_page_language(app, board, lang):
    browser, ids = board
    texts = page_texts(app, lang)
    topic, category = f"topic={ids['topic']}", f"category={ids['category']}"
    for path, where in (
        (f"/forums/t/{ids['topic']}", topic),
        (f"/forums/t/{ids['topic']}/reply", topic),
        (f"/forums/c/{ids['category']}/new", category),
        (f"/forums/p/{ids['post']}/edit", topic),
    ):
        page = browser.get(f"{path}?lang={lang}").text
        assert f'data-mentions-url="/notifications/mentions.json?{where}"' in page, path
        listbox = re.search(r'<ul class="mention-list" role="listbox"[^>]*>', page).group(0)
        assert " hidden " in listbox, path  # shown by the script only
        assert f'aria-label="{texts["mention_list"]}"' in listbox
        assert f'data-text-cannot-read="{texts["mention_cannot_read"]}"' in listbox
        warning = re.search(r'<p class="mention-warning"[^>]*>', page).group(0)
        assert 'role="status" aria-live="polite"' in warning
        assert f'data-text-one="{texts["mention_warning_one"]}"' in warning
        assert "{name}" in texts["mention_warning_one"]
        assert "{names}" in texts["mention_warning_many"]
