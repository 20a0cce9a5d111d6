"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the message board:
the category list, a category and a topic page, in Greek and in English, on a desktop and
a phone, and once more after live updates have changed the page."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Topic
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in, wait_for_socket
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.browser

LOCALES = ("el", "en")
RICH_POST = """## Ραντεβού με διερμηνέα

Βήματα:

1. Τηλεφωνούμε στο **ΚΚ** πριν.
2. Στέλνουμε *υπενθύμιση*.

> Παράθεση από προηγούμενη συζήτηση

| Γλώσσα | Διερμηνείς |
|---|---|
| Αραβικά | 3 |
| Φαρσί | 2 |

`κωδικός` και σύνδεσμος: https://example.org/odigos

مرحبا بكم — خوش آمدید
"""


@pytest.fixture
def board(app, user_of):
    """A sensitive category with a rich topic (reactions, an edit, a hidden post)."""
    reader = user_of("mediator", name="Ομίντ Ρεζαΐ")
    with app.app_context():
        trainer = db.session.get(User, user_of("trainer", name="Ελένη Παππά").id)
        author = db.session.get(User, user_of("mediator", name="Αμίνα Χασάν").id)
        cases = make_category(
            name_el="Συζήτηση περιπτώσεων", name_en="Case discussions", sensitive=True
        )
        make_category(name_el="Ανακοινώσεις", name_en="Announcements", can_start_topics="trainer")
        topic = make_topic(cases, author=trainer, title="Διερμηνεία στο νοσοκομείο", body=RICH_POST)
        reply = make_post(topic, author=author, body="Συμφωνώ, ευχαριστώ 🙏")
        hidden = make_post(topic, author=author, body="Κείμενο με προσωπικά στοιχεία")
        services.toggle_reaction(db.session, reply, user=trainer, kind="like")
        services.edit_post(
            db.session, post=reply, editor=author, body="Συμφωνώ απόλυτα, ευχαριστώ 🙏"
        )
        services.hide_post(db.session, hidden, actor=trainer, reason="Προσωπικά δεδομένα")
        make_topic(cases, author=author, title="Δεύτερο θέμα")
        db.session.commit()
        return SimpleNamespace(
            reader=reader, author_id=author.id, category=cases.id, topic=topic.id
        )


@pytest.fixture
def reader_page(new_page, board):
    """The reader signed in, with axe-core loaded into every page."""

    def open_reader(phone: bool = False):
        page = new_page(phone=phone)
        preload_axe(page)
        sign_in(page, board.reader.email)
        expect(page).not_to_have_url(LOGIN_URL)
        return page

    return open_reader


def visit(page, path: str, locale: str) -> None:
    response = page.goto(f"{path}?lang={locale}")
    assert response.status == 200, f"{path} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", locale)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("locale", LOCALES)
def test_board_pages(board, reader_page, locale, phone):
    page = reader_page(phone=phone)
    for path in (
        "/forums/",
        f"/forums/c/{board.category}",
        f"/forums/t/{board.topic}",
        f"/forums/c/{board.category}/new",
    ):
        visit(page, path, locale)
        assert_accessible(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_topic_page_after_live_updates(app, board, reader_page, locale):
    page = reader_page()
    visit(page, f"/forums/t/{board.topic}", locale)
    wait_for_socket(page)
    expect(page.locator("#posts")).to_have_attribute("data-live", "joined")

    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        make_post(topic, author=db.session.get(User, board.author_id), body="Ζωντανή απάντηση")
        db.session.commit()
    expect(page.locator("#post-4")).to_contain_text("Ζωντανή απάντηση")
    page.locator("form[data-topic-last] textarea[name=body]").fill("Μια **προεπισκόπηση**")
    page.locator("form[data-topic-last] [name=preview]").click()
    expect(page.locator("[data-preview-body] strong")).to_have_text("προεπισκόπηση")

    assert_accessible(page)


def test_category_list_after_live_activity(app, board, reader_page):
    page = reader_page()
    visit(page, "/forums/", "en")
    wait_for_socket(page)
    expect(page.locator("#board-status")).to_have_attribute("data-live", "joined")

    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        make_post(topic, author=db.session.get(User, board.author_id), body="Νέα δραστηριότητα")
        db.session.commit()
    expect(page.locator("[data-activity-badge]")).to_be_visible()

    assert_accessible(page)
