"""The watch-level control on the board's topic and category pages: it shows the current
level in the page's language, and posting it (without JavaScript) changes the level and
returns to the page."""

import re
from html import unescape

import pytest

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.database

LABELS = {
    "en": {"normal": "Normal", "tracking": "Tracking", "watching": "Watching"},
    "el": {"normal": "Κανονικά", "tracking": "Ακολουθώ", "watching": "Παρακολουθώ"},
}
HEADING = {"en": "Notifications", "el": "Ειδοποιήσεις"}


@pytest.fixture
def place(seed, member):
    """A member and a topic in a category: (browser, topic id, category id)."""
    browser = member("mediator")

    def create():
        topic = make_topic(make_category())
        return topic.id, topic.category_id

    topic_id, category_id = seed(create)
    return browser, topic_id, category_id


def control_of(html: str, target_type: str, target_id: int) -> str:
    """The watch control's markup for one target in a page."""
    match = re.search(
        rf'<details class="watch-control" id="watch-{target_type}-{target_id}">.*?</details>',
        html,
        re.S,
    )
    assert match, f"no watch control for {target_type} {target_id}"
    return match.group(0)


def current_level(control: str) -> tuple[str, str]:
    """(level, shown label) of the control's summary."""
    match = re.search(r'<strong data-watch-level="([a-z_]+)">([^<]*)</strong>', control)
    return match.group(1), unescape(match.group(2))


def checked(control: str) -> list[str]:
    return re.findall(r'value="([a-z_]+)"[^>]*\bchecked\b', control)


@pytest.mark.parametrize("lang", ["en", "el"])
@pytest.mark.parametrize("target_type", ["topic", "category"])
def test_the_page_shows_the_current_level_in_its_language(app, place, lang, target_type):
    browser, topic_id, category_id = place
    target_id = topic_id if target_type == "topic" else category_id
    url = f"/forums/t/{topic_id}" if target_type == "topic" else f"/forums/c/{category_id}"
    control = control_of(
        browser.get(f"{url}?lang={lang}").get_data(as_text=True), target_type, target_id
    )
    assert current_level(control) == ("normal", LABELS[lang]["normal"])
    assert f"{HEADING[lang]}:" in control
    assert checked(control) == ["normal"]

    with app.app_context():
        services.set_watch_level(db.session, browser.user.id, target_type, target_id, "tracking")
        db.session.commit()
    control = control_of(browser.get(url).get_data(as_text=True), target_type, target_id)
    assert current_level(control) == ("tracking", LABELS[lang]["tracking"])
    assert checked(control) == ["tracking"]
    assert ('value="watching_first_post"' in control) == (target_type == "category")


@pytest.mark.parametrize("target_type", ["topic", "category"])
def test_posting_the_control_changes_the_level_and_returns_to_the_page(app, place, target_type):
    browser, topic_id, category_id = place
    target_id = topic_id if target_type == "topic" else category_id
    page = f"/forums/t/{topic_id}?page=1" if target_type == "topic" else f"/forums/c/{category_id}"
    control = control_of(browser.get(page).get_data(as_text=True), target_type, target_id)
    action = re.search(r'<form method="post" action="([^"]+)"', control).group(1)
    back = unescape(re.search(r'name="next" value="([^"]*)"', control).group(1))
    assert action == f"/notifications/watch/{target_type}/{target_id}"
    assert back == page
    assert 'name="csrf_token"' in control

    answer = browser.post(action, data={"level": "watching", "next": back})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(page)
    with app.app_context():
        level = services.watch_level(db.session, browser.user.id, target_type, target_id)
    assert level == "watching"
    control = control_of(browser.get(page).get_data(as_text=True), target_type, target_id)
    assert current_level(control) == ("watching", "Watching")
    assert checked(control) == ["watching"]


def test_the_control_is_one_per_page_and_for_its_own_target(seed, place):
    browser, topic_id, category_id = place
    other = seed(lambda: make_topic(make_category()).id)
    html = browser.get(f"/forums/t/{topic_id}").get_data(as_text=True)
    assert html.count('class="watch-control"') == 1
    assert f'id="watch-topic-{topic_id}"' in html
    assert f"watch-topic-{other}" not in html
    assert f"watch-category-{category_id}" not in html
