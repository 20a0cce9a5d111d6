"""The watch-level control on a phone, in Greek and English: one line showing the level; open,
radios with their hints as 44 px targets; choosing and saving returns to the page with the
new level; axe-core clean, open and closed; the same without JavaScript (axe-core, a script,
is run with it only)."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.forum_helpers import sign_in_as
from tests.browser.helpers import translated
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    contexts = []

    def open_(lang: str, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="el-GR" if lang == "el" else "en-GB",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if javascript:  # axe-core runs as a script in the page
            preload_axe(page)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(("lang", "kind"), [("el", "topic"), ("en", "category")])
def test_a_phone_user_changes_the_level_and_comes_back(app, user_of, phone, lang, kind, javascript):
    person = user_of("mediator")
    with app.app_context():
        topic = make_topic(make_category())  # by someone else: the level is "normal"
        db.session.commit()
        url = f"/forums/t/{topic.id}" if kind == "topic" else f"/forums/c/{topic.category_id}"
    page = phone(lang, javascript)
    sign_in_as(page, person, lang)
    page.goto(url)
    control = page.locator("details.watch-control")
    summary = control.locator("summary")
    heading = translated(app, "Notifications", lang)
    expect(summary).to_have_text(f"{heading}: {translated(app, 'Normal', lang)}")
    box = summary.bounding_box()
    assert box["height"] >= 44 and box["width"] <= PHONE["width"]
    if javascript:
        assert_accessible(page)

    summary.click()
    expect(control).to_have_attribute("open", "")
    watching = translated(app, "Watching", lang)
    label = control.locator("label", has_text=re.compile(rf"^{watching}$"))
    assert label.bounding_box()["height"] >= 44
    if javascript:
        assert_accessible(page)  # open
    label.click()
    control.get_by_role("button", name=translated(app, "Save", lang)).click()

    expect(page).to_have_url(re.compile(rf"{re.escape(url)}$"))
    expect(page.locator("details.watch-control summary")).to_have_text(f"{heading}: {watching}")
    saved = translated(app, "Your notification level is saved.", lang)
    expect(page.locator(".flashes")).to_contain_text(saved)
