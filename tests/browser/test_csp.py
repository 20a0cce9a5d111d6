"""Content-Security-Policy in Chromium: the board's pages and their Socket.IO connection
break no rule of the policy, and `connect-src 'self'` refuses a connection to any other
host (before, `ws: wss:` let a script open a WebSocket to anywhere)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums.models import Topic
from tests.browser.forum_helpers import board, open_topic, reply_box
from tests.browser.helpers import wait_for_socket
from tests.forums.factories import make_post

pytestmark = pytest.mark.browser
__all__ = ["board"]  # the fixture

# Installed before any page script runs, so that no violation goes unseen.
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
VIOLATIONS = "() => window.cspViolations"
TRANSPORT = "() => window.portalSocket.io.engine.transport.name"


@pytest.fixture
def watched_page(new_page):
    """A page that records every CSP violation (in `window.cspViolations`) and every
    console message about the policy."""
    page = new_page(locale="en-GB")
    page.add_init_script(LISTEN)
    page.csp_console = []
    page.on(
        "console",
        lambda message: (
            page.csp_console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


@pytest.fixture
def reply(app, board):
    """A reply of the second mediator in the board's topic: its id."""
    with app.app_context():
        topic = db.session.get(Topic, board.topic)
        post = make_post(topic, author=db.session.get(User, board.omid.id), body="Κι εμείς")
        db.session.commit()
        return post.id


def test_the_board_pages_and_their_websocket_break_no_rule(board, reply, watched_page):
    page = watched_page
    open_topic(page, board.omid, board.topic)
    # The connection really is a WebSocket (ws:// on the app's own host), not long polling.
    page.wait_for_function(f"() => ({TRANSPORT})() === 'websocket'", timeout=10_000)
    reply_box(page).press_sequentially("Typing sends events")
    assert page.evaluate(VIOLATIONS) == []

    for path in (
        "/forums/",
        f"/forums/c/{board.category}",
        f"/forums/c/{board.category}/new",
        f"/forums/t/{board.topic}",
        f"/forums/t/{board.topic}/reply",
        f"/forums/p/{reply}/edit",
        f"/forums/p/{reply}/history",
    ):
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        wait_for_socket(page)
        assert page.evaluate(TRANSPORT) == "websocket", path
        assert page.evaluate(VIOLATIONS) == [], path
    assert page.csp_console == []


def test_a_websocket_to_another_host_is_refused(board, live_server, watched_page):
    page = watched_page
    open_topic(page, board.omid, board.topic)
    # The same server under another loopback address: another origin to the browser.
    port = urlsplit(live_server.url).port
    other = f"ws://127.0.0.2:{port}/socket.io/?EIO=4&transport=websocket"
    page.evaluate("(url) => { try { new WebSocket(url); } catch (error) {} }", other)
    page.wait_for_function(f"() => ({VIOLATIONS})().length > 0", timeout=5_000)
    assert page.evaluate(VIOLATIONS) == [f"connect-src {other}"]


@pytest.mark.parametrize("lang", ["el", "en"])
def test_the_pages_for_anonymous_visitors_break_no_rule(watched_page, lang):
    """The design system's stylesheet, the fonts and the pages anyone can open (the signed-in
    pages of home, board and admin: tests/browser/test_design.py)."""
    page = watched_page
    for path, status in (("/auth/login", 200), ("/auth/forgot", 200), ("/no-such-page", 404)):
        response = page.goto(f"{path}?lang={lang}")
        assert response.status == status, path
        expect(page.locator("main h1")).to_be_visible()
        page.evaluate("() => document.fonts.ready")
        assert page.evaluate(VIOLATIONS) == [], path
    assert page.csp_console == []
