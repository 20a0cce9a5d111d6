"""The Socket.IO connection of a signed-in page, and its end when the login session ends."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import LOGIN_URL, expect_home, sign_in, wait_for_socket

pytestmark = pytest.mark.browser

SOCKET_CLOSED = "() => !(window.portalSocket && window.portalSocket.connected)"
# app.js reloads the page on "session_ended"; sessionStorage survives the reload.
NOTE_SESSION_ENDED = (
    "() => window.portalSocket.on('session_ended',"
    " () => sessionStorage.setItem('sessionEnded', 'yes'))"
)
SESSION_ENDED_NOTED = "() => sessionStorage.getItem('sessionEnded') === 'yes'"


def test_socket_client_is_served(page):
    # The ES module build, imported by static/js/core/socket.js.
    response = page.request.get("/static/vendor/socket.io.esm.min.js")
    assert response.ok, "run `bash scripts/vendor.sh` (part of `make setup`)"
    assert "javascript" in response.headers["content-type"]


def test_signed_in_page_connects(page, user_of):
    mediator = user_of("mediator")
    sign_in(page, mediator.email)
    expect_home(page, mediator.name)

    wait_for_socket(page)


def test_anonymous_page_has_no_socket(page):
    page.goto("/auth/login")
    expect(page.locator("body")).not_to_have_attribute("data-socket", "on")
    assert page.evaluate("() => window.portalSocket === undefined")


def test_signing_out_in_another_tab_disconnects_the_first(page, user_of):
    mediator = user_of("mediator")
    sign_in(page, mediator.email)
    expect_home(page, mediator.name)
    wait_for_socket(page)
    page.evaluate(NOTE_SESSION_ENDED)

    other_tab = page.context.new_page()
    other_tab.goto("/?lang=en")
    other_tab.get_by_role("button", name="Sign out").click()
    expect(other_tab).to_have_url(LOGIN_URL)

    # The first tab is told the session ended, drops its socket and shows the login page.
    expect(page).to_have_url(LOGIN_URL)
    page.wait_for_function(SOCKET_CLOSED)
    assert page.evaluate(SESSION_ENDED_NOTED), "the server did not send session_ended"


def test_server_closes_the_socket_when_the_session_is_revoked_over_http(page, user_of):
    mediator = user_of("mediator")
    sign_in(page, mediator.email)
    expect_home(page, mediator.name)
    wait_for_socket(page)
    # Without app.js's own handler the client would stay connected: the server must close it.
    page.evaluate(
        """() => {
          window.ended = {event: false, reason: null};
          const socket = window.portalSocket;
          socket.off('session_ended');
          socket.on('session_ended', () => { window.ended.event = true; });
          socket.on('disconnect', (reason) => { window.ended.reason = reason; });
        }"""
    )
    csrf = page.locator(".main-nav form input[name=csrf_token]").input_value()

    # A plain HTTP sign-out with this browser's cookies, outside the page.
    response = page.context.request.post("/auth/logout", form={"csrf_token": csrf})
    assert response.ok

    page.wait_for_function(SOCKET_CLOSED)
    ended = page.evaluate("() => window.ended")
    assert ended == {"event": True, "reason": "io server disconnect"}
