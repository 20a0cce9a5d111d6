"""The composer of the board's forms: a keyboard user formats the selection with the toolbar
(one tab stop, arrow keys between its buttons) and with Ctrl+B; the text gets the Markdown,
drafts keep it, and on a wide screen the preview beside the text shows it as rendered by the
server (never on a phone). Greek and English, 1280×800 and 390×844, axe-core and the CSP.
Without JavaScript the toolbar is not shown and the Preview button still works."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums.models import Topic
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.forum_helpers import board, drafts_in_tab, is_draft_save, reply_box
from tests.browser.helpers import LOGIN_URL, sign_in, translated
from tests.forums.factories import make_post

pytestmark = pytest.mark.browser
__all__ = ["board"]  # the fixture

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
DRAFT_BODY = "(key) => JSON.parse(sessionStorage.getItem(key)).body"
SELECTION = "(el) => el.value.slice(el.selectionStart, el.selectionEnd)"
FORMATS = ("Bold", "Italic", "Link", "List", "Quote", "Code")


@pytest.fixture
def writer(browser, live_server):
    """Factory: a page signed in as `person` with a viewport, recording CSP violations and
    the requests for a preview."""
    contexts = []

    def open_(person, viewport, lang, javascript=True):
        phone = viewport is PHONE
        context = browser.new_context(
            base_url=live_server.url,
            locale="el-GR" if lang == "el" else "en-GB",
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.add_init_script(LISTEN)
        preload_axe(page)
        page.previews = []
        page.on("request", lambda request: _note_preview(page, request))
        page.goto(f"/auth/login?lang={lang}")
        sign_in(page, person.email)
        expect(page).not_to_have_url(LOGIN_URL)
        return page

    yield open_
    for context in contexts:
        context.close()


def _note_preview(page, request) -> None:
    if "/forums/preview" in request.url:
        page.previews.append(request)


def toolbar(page):
    return page.locator("form[data-topic-last]").get_by_role("toolbar")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["el", "en"])
def test_a_keyboard_user_makes_a_word_bold_with_the_toolbar_and_with_ctrl_b(
    app, board, writer, lang, viewport
):
    page = writer(board.omid, viewport, lang)
    page.goto(f"/forums/t/{board.topic}")
    label = {name: translated(app, name, lang) for name in FORMATS}
    bar = toolbar(page)
    expect(bar).to_have_accessible_name(translated(app, "Formatting", lang))
    expect(bar.get_by_role("button")).to_have_count(len(FORMATS))

    box = reply_box(page)
    # Empty first: the previous test's closing page may still save its draft (a keepalive
    # request) after the database was emptied, onto the same ids this test's rows now have.
    box.fill("")
    box.focus()
    page.keyboard.type("Καλή δουλειά")
    for _ in range(len("δουλειά")):
        page.keyboard.press("Shift+ArrowLeft")
    assert box.evaluate(SELECTION) == "δουλειά"

    # Shift+Tab reaches the toolbar on its one tab stop, the first button.
    page.keyboard.press("Shift+Tab")
    bold = bar.get_by_role("button", name=label["Bold"], exact=True)
    expect(bold).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(bar.get_by_role("button", name=label["Italic"], exact=True)).to_be_focused()
    page.keyboard.press("End")
    expect(bar.get_by_role("button", name=label["Code"], exact=True)).to_be_focused()
    page.keyboard.press("ArrowRight")  # wraps around
    expect(bold).to_be_focused()
    assert bar.locator("button[tabindex='0']").count() == 1

    page.keyboard.press("Enter")
    expect(box).to_have_value("Καλή **δουλειά**")
    expect(box).to_be_focused()
    assert box.evaluate(SELECTION) == "δουλειά"
    stored = page.evaluate(DRAFT_BODY, drafts_in_tab(page)[0])
    assert stored == "Καλή **δουλειά**"  # drafts saw the text the toolbar wrote

    # Ctrl+B on the first word; again on the bold word takes the bold away.
    page.keyboard.press("Home")
    for _ in range(len("Καλή")):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Control+b")
    expect(box).to_have_value("**Καλή** **δουλειά**")
    page.keyboard.press("Control+b")
    expect(box).to_have_value("Καλή **δουλειά**")

    preview = page.locator("form[data-topic-last] [data-composer-preview]")
    if viewport is DESKTOP:
        expect(preview).to_be_visible()
        expect(preview.locator("strong")).to_have_text("δουλειά")
        expect(preview).to_contain_text("Καλή")
        # Beside the text, not under it.
        text_box, preview_box = box.bounding_box(), preview.bounding_box()
        assert preview_box["x"] >= text_box["x"] + text_box["width"]
        assert abs(preview_box["y"] - text_box["y"]) < 40
    else:
        expect(preview).to_be_hidden()
        page.wait_for_timeout(600)  # longer than the preview's pause
        assert page.previews == []

    assert_accessible(page)
    assert page.evaluate("() => window.cspViolations") == []


def test_each_button_writes_its_markdown_and_the_preview_follows(app, board, writer):
    page = writer(board.omid, DESKTOP, "en")
    page.goto(f"/forums/t/{board.topic}")
    box, bar = reply_box(page), toolbar(page)

    def apply(name: str, text: str, start: int, end: int) -> str:
        box.fill(text)
        box.evaluate(f"(el) => el.setSelectionRange({start}, {end})")
        bar.get_by_role("button", name=name, exact=True).click()
        return box.input_value()

    assert apply("Italic", "a word", 2, 6) == "a *word*"
    assert apply("Italic", "a **word**", 4, 8) == "a ***word***"
    assert apply("Bold", "a ***word***", 5, 9) == "a *word*"
    assert apply("Link", "see the guide", 8, 13) == "see the [guide](https://)"
    assert box.evaluate(SELECTION) == "https://"
    assert apply("Link", "https://example.org", 0, 19) == "[](https://example.org)"
    assert apply("List", "Intro\none\ntwo", 7, 12) == "Intro\n\n- one\n- two"
    assert apply("List", "- one\n- two", 0, 11) == "one\ntwo"
    assert apply("Quote", "first\n\nsecond", 0, 13) == "> first\n>\n> second"
    assert apply("Code", "run make", 4, 8) == "run `make`"
    assert apply("Code", "a\nb", 0, 3) == "```\na\nb\n```"

    with page.expect_response(is_draft_save) as saved:
        apply("Bold", "Σημαντικό", 0, 9)
    assert saved.value.json()["body"] == "**Σημαντικό**"
    preview = page.locator("form[data-topic-last] [data-composer-preview]")
    expect(preview.locator("strong")).to_have_text("Σημαντικό")

    box.fill("")
    expect(preview).to_contain_text(translated(app, "Nothing to show yet.", "en"))


def test_the_edit_form_previews_its_text_at_once_and_the_new_topic_form_has_the_toolbar(
    app, board, writer
):
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        post = make_post(topic, author=db.session.get(User, board.omid.id), body="Ήδη *γραμμένο*")
        db.session.commit()
        post_id = post.id
    page = writer(board.omid, DESKTOP, "el")
    page.goto(f"/forums/p/{post_id}/edit")
    preview = page.locator("[data-composer-preview]")
    expect(preview.locator("em")).to_have_text("γραμμένο")
    expect(page.get_by_role("toolbar")).to_be_visible()

    page.goto(f"/forums/c/{board.category}/new")
    expect(page.get_by_role("toolbar")).to_be_visible()
    page.locator("textarea[name=body]").fill("`x`")
    expect(preview.locator("code")).to_have_text("x")
    assert page.evaluate("() => window.cspViolations") == []


def test_without_javascript_there_is_no_toolbar_and_the_preview_button_works(app, board, writer):
    page = writer(board.omid, DESKTOP, "en", javascript=False)
    page.goto(f"/forums/t/{board.topic}")
    expect(page.get_by_role("toolbar")).to_have_count(0)
    expect(page.locator("[data-composer-preview]")).to_be_hidden()
    reply_box(page).fill("Με **έμφαση**")
    page.get_by_role("button", name=translated(app, "Preview", "en"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/forums/t/{board.topic}/reply"))
    expect(page.locator("section.preview strong")).to_have_text("έμφαση")
    expect(page.locator("textarea[name=body]")).to_have_value("Με **έμφαση**")


def test_the_preview_follows_a_draft_restored_after_signing_in_again(board, writer):
    page = writer(board.omid, DESKTOP, "en")
    page.goto(f"/forums/t/{board.topic}")
    page.context.clear_cookies()  # the session ends while the text is being written
    reply_box(page).fill("Κράτησε **αυτό**")
    expect(page.locator("form[data-draft-url] [data-draft-status]")).not_to_have_text("")

    page.goto(f"/forums/t/{board.topic}?lang=en")
    expect(page).to_have_url(LOGIN_URL)
    sign_in(page, board.omid.email)
    expect(page).to_have_url(re.compile(rf"/forums/t/{board.topic}\?lang=en$"))
    expect(reply_box(page)).to_have_value("Κράτησε **αυτό**")
    preview = page.locator("form[data-topic-last] [data-composer-preview]")
    expect(preview.locator("strong")).to_have_text("αυτό")
