"""What is new, measured in Chromium: on a 390×844 phone a category's first topic starts
within the first 300 px and at least 7 topics are on the first screen, without sideways
scrolling; the counts per topic and in the navigation appear and clear when the topic is
read; the open-report count shows for a moderator and not for a mediator; the Latest,
Unread and New lists and the home page are free of serious axe-core violations; in Greek
and English, on a desktop and a phone."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.test_design import DESKTOP, LOCALES, PHONE, open_signed_in, visit
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.browser

TITLE = "Διερμηνεία στο νοσοκομείο για οικογένειες με παιδιά: ραντεβού και έγγραφα"


@pytest.fixture
def news(app, user_of):
    """A mediator who read a topic that has since had three replies, a trainer, and a
    category of 30 topics with long titles; one post reported."""
    reader = user_of("mediator", name="Αμίνα Χασάν")
    trainer = user_of("trainer", name="Νίκος Εκπαιδευτής")
    with app.app_context():
        author = db.session.get(User, user_of("mediator", name="Omid Rezaei").id)
        me = db.session.get(User, reader.id)
        category = make_category(
            name_el="Ανταλλαγή εμπειρίας",
            name_en="Exchange of experience",
            description_el="Ερωτήσεις και συμβουλές από την καθημερινή δουλειά.",
            description_en="Questions and advice from everyday work.",
        )
        for number in range(29):
            make_topic(category, author=author, title=f"{TITLE} {number}")
        topic = make_topic(category, author=author, title="Ραντεβού στο ΚΕΠ")
        services.mark_read(db.session, me, topic, 1)
        for body in ("Ένα", "Δύο", "Τρία"):
            reply = make_post(topic, author=author, body=body)
        services.report_post(db.session, reply, reporter=me, reason="Εκτός θέματος")
        db.session.commit()
        return SimpleNamespace(reader=reader, trainer=trainer, category=category.id, topic=topic.id)


@pytest.fixture
def opened(browser, live_server):
    """Factory: a page signed in as `person` with a viewport; contexts closed at the end."""
    contexts = []

    def open_(person, viewport):
        context, page = open_signed_in(browser, live_server, person, viewport)
        contexts.append(context)
        return page

    yield open_
    for context in contexts:
        context.close()


def nav_count(page) -> str:
    """The count beside the board's entry in the navigation ("" when none)."""
    count = page.locator('#nav-links a[href="/forums/"] .nav-count')
    return count.text_content() if count.count() else ""


@pytest.mark.parametrize("locale", LOCALES)
def test_on_a_phone_seven_topics_fit_the_first_screen(news, opened, locale):
    page = opened(news.reader, PHONE)
    visit(page, f"/forums/c/{news.category}", locale)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('#topics .topic-row')]
                 .map((row) => row.getBoundingClientRect())
                 .map((box) => [box.top, box.bottom])"""
    )
    assert boxes[0][0] <= 300, f"the first topic starts at {boxes[0][0]} px"
    on_screen = [box for box in boxes if box[1] <= PHONE["height"]]
    assert len(on_screen) >= 7, f"{len(on_screen)} topics on the first screen: {boxes[:9]}"
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("locale", LOCALES)
def test_counts_appear_and_clear(news, opened, viewport, locale):
    page = opened(news.reader, viewport)
    visit(page, "/forums/unread", locale)
    row = page.locator(f'#topics [data-topic-id="{news.topic}"]')
    badge = row.locator("[data-unread-badge]")
    expect(badge).to_have_text("3 new" if locale == "en" else "3 νέα")
    before = int(nav_count(page))
    assert before == 30  # one unread topic and 29 new ones
    spoken = page.locator('#nav-links a[href="/forums/"] .visually-hidden').text_content()
    assert ("30 unread topics" if locale == "en" else "30 μη αναγνωσμένα θέματα") in spoken
    row.locator(".topic-title").click()
    expect(page.locator("#posts")).to_be_visible()
    visit(page, f"/forums/c/{news.category}", locale)
    expect(
        page.locator(f'#topics [data-topic-id="{news.topic}"] [data-unread-badge]')
    ).to_have_count(0)
    assert int(nav_count(page)) == before - 1
    visit(page, "/forums/unread", locale)
    expect(page.locator("#topics .topic-row")).to_have_count(0)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_report_count_shows_for_a_moderator_only(news, opened, viewport):
    for person, shown in ((news.trainer, True), (news.reader, False)):
        page = opened(person, viewport)
        for locale in LOCALES:
            visit(page, "/", locale)
            reports = page.locator('#nav-links a[href="/forums/reports"]')
            if shown:
                expect(reports.locator(".nav-count")).to_have_text("1")
                text = "1 open report" if locale == "en" else "1 ανοιχτή αναφορά"
                expect(reports.locator(".visually-hidden")).to_contain_text(text)
            else:
                expect(reports).to_have_count(0)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_new_pages_are_accessible(news, opened, viewport):
    page = opened(news.reader, viewport)
    preload_axe(page)
    for locale in LOCALES:
        for path in ("/", "/forums/", "/forums/latest", "/forums/unread", "/forums/new"):
            visit(page, path, locale)
            assert_accessible(page)
            assert page.evaluate("() => window.cspViolations") == [], path
            widths = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert widths[0] <= widths[1], f"{path} ({locale}): {widths}"
