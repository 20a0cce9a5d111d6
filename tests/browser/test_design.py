"""The GOV.GR look, measured in Chromium: the phone header is one row at most 64 px tall,
its menu works with the keyboard and without JavaScript, no page of home, board or admin
scrolls sideways (390×844 and 1280×800), the self-hosted fonts load (the reactions' emoji
are drawn in colour by Twemoji, not as empty boxes), and every page of home, board and
admin is free of serious axe-core violations and CSP violations, in Greek and English, on
a desktop and a phone."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LOCALES = ("el", "en")
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
LONG_TITLE = "Διερμηνεία στο νοσοκομείο για οικογένειες με παιδιά: ραντεβού, έγγραφα, μετάφραση"


@pytest.fixture
def site(app, user_of):
    """An administrator, a board with a rich topic (Arabic text, reactions, a report)."""
    admin = user_of("admin", name="Ελένη Διαχειρίστρια")
    with app.app_context():
        author = db.session.get(User, user_of("mediator", name="Αμίνα Χασάν").id)
        boss = db.session.get(User, admin.id)
        category = make_category(name_el="Ανταλλαγή εμπειρίας", name_en="Exchange", sensitive=True)
        topic = make_topic(category, author=author, title=LONG_TITLE, body="Καλημέρα **σε όλους**")
        reply = make_post(topic, author=author, body="مرحبا بكم — خوش آمدید 👍")
        services.toggle_reaction(db.session, reply, user=boss, kind="like")
        services.report_post(db.session, reply, reporter=boss, reason="Έλεγχος")
        db.session.commit()
        pages = [
            "/",
            "/account/profile",
            "/account/password",
            "/forums/",
            "/forums/latest",
            "/forums/unread",
            "/forums/new",
            f"/forums/c/{category.id}",
            f"/forums/c/{category.id}/new",
            f"/forums/t/{topic.id}",
            f"/forums/t/{topic.id}/reply",
            f"/forums/p/{reply.id}/report",
            "/forums/reports",
            "/forums/admin/categories",
            "/forums/admin/categories/new",
            "/admin/users",
            "/admin/users/new",
            f"/admin/users/{author.id}",
            "/admin/regions",
            "/admin/regions/new",
            "/admin/audit",
            "/admin/styleguide",
        ]
        return SimpleNamespace(admin=admin, topic=topic.id, pages=pages)


def open_signed_in(browser, live_server, person, viewport, javascript=True):
    context = browser.new_context(
        base_url=live_server.url,
        locale="el-GR",
        viewport=viewport,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.add_init_script(LISTEN)
    sign_in(page, person.email)
    expect(page).not_to_have_url(LOGIN_URL)
    return context, page


@pytest.fixture
def opened(browser, live_server):
    """Factory: (context, page) signed in with a viewport; contexts closed at the end."""
    contexts = []

    def open_(person, viewport, javascript=True):
        context, page = open_signed_in(browser, live_server, person, viewport, javascript)
        contexts.append(context)
        return page

    yield open_
    for context in contexts:
        context.close()


def visit(page, path: str, locale: str) -> None:
    separator = "&" if "?" in path else "?"
    response = page.goto(f"{path}{separator}lang={locale}")
    assert response.status == 200, f"{path} answered {response.status}"


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def test_phone_header_is_one_row_and_its_menu_works_with_the_keyboard(site, opened):
    page = opened(site.admin, PHONE)
    for locale in LOCALES:
        visit(page, "/forums/", locale)
        toggle = page.locator("[data-nav-toggle]")
        expect(toggle).to_be_visible()
        assert header_height(page) <= 64, header_height(page)
        # Brand, menu button and language switch share the one row.
        row = page.locator(".site-header-bar").bounding_box()
        for part in (".brand", "[data-nav-toggle]", ".lang-switch"):
            box = page.locator(part).bounding_box()
            assert row["y"] <= box["y"] and box["y"] + box["height"] <= row["y"] + row["height"]
        first_link = page.locator("#nav-links a").first
        expect(first_link).to_be_hidden()
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(first_link).to_be_visible()
        page.keyboard.press("Tab")
        expect(first_link).to_be_focused()
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_be_focused()
        expect(first_link).to_be_hidden()


def test_without_javascript_the_navigation_is_shown_below_the_header(site, opened):
    page = opened(site.admin, PHONE, javascript=False)
    visit(page, "/", "el")
    expect(page.locator("[data-nav-toggle]")).to_be_hidden()
    links = page.locator("#nav-links a")
    assert links.count() >= 2
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
    expect(page.locator("#nav-links [data-sign-out] button")).to_be_visible()
    assert page.locator(".site-header-bar").bounding_box()["height"] <= 56


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_scrolls_sideways(site, opened, viewport):
    page = opened(site.admin, viewport)
    for locale in LOCALES:
        for path in site.pages:
            visit(page, path, locale)
            widths = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert widths[0] <= widths[1], f"{path} ({locale}): {widths}"
            if viewport is PHONE:
                assert header_height(page) <= 64, path


def test_fonts_load_and_the_reactions_are_drawn_in_colour_emoji(site, opened):
    page = opened(site.admin, DESKTOP)
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    visit(page, f"/forums/t/{site.topic}", "el")
    glyph = page.locator(".reactions > .reaction .reaction-glyph").first  # a reaction given
    expect(glyph).to_be_visible()
    page.evaluate("() => document.fonts.ready")
    assert page.evaluate("() => document.fonts.check('16px Twemoji', '👍')")
    assert page.evaluate("() => document.fonts.check('16px Roboto', 'Καλημέρα')")
    assert page.evaluate("() => document.fonts.check('16px \"Noto Sans Arabic\"', 'مرحبا')")
    loaded = page.evaluate(
        "() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family)"
    )
    assert any("Twemoji" in family for family in loaded), loaded
    assert glyph.evaluate("(span) => getComputedStyle(span).fontFamily").startswith("Twemoji")
    # Drawn, and in colour: a font can load and still draw nothing (Noto Color Emoji's COLRv1
    # build does so in Debian's Chromium) or draw the grey fallback box. Each reaction's glyph
    # is drawn on a canvas in the glyph's own font; most of its inked pixels must be coloured.
    shares = page.evaluate(
        """() => [...document.querySelectorAll(".reaction-glyph")].slice(0, 4).map((span) => {
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = 64;
          const context = canvas.getContext("2d");
          context.font = `48px ${getComputedStyle(span).fontFamily}`;
          context.textBaseline = "top";
          context.fillStyle = "#000";
          context.fillText(span.textContent.trim(), 4, 4);
          const data = context.getImageData(0, 0, 64, 64).data;
          let inked = 0, coloured = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] < 128) continue;
            inked += 1;
            const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
            if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
          }
          return [span.textContent.trim(), inked, inked ? coloured / inked : 0];
        })"""
    )
    assert len(shares) == 4, shares
    for text, inked, coloured in shares:
        assert inked > 200 and coloured > 0.5, (text, inked, coloured)
    assert failed == [], failed
    assert page.evaluate("() => window.cspViolations") == []


def test_reaction_buttons_carry_a_text_label(site, opened):
    page = opened(site.admin, DESKTOP)
    visit(page, f"/forums/t/{site.topic}", "en")
    for button in page.locator("button.reaction").all():
        label = button.locator(".visually-hidden").text_content()  # also in the closed menu
        assert label.strip(), button.inner_html()
    expect(page.get_by_role("button", name="Like").first).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_is_accessible_and_breaks_no_csp_rule(site, opened, viewport):
    page = opened(site.admin, viewport)
    preload_axe(page)
    for locale in LOCALES:
        for path in site.pages:
            visit(page, path, locale)
            assert_accessible(page)
            assert page.evaluate("() => window.cspViolations") == [], path
