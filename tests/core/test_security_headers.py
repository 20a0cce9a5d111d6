"""Security headers on every kind of response, and cookie flags."""

import pytest

from tests.factories import DEFAULT_PASSWORD


def _responses(client, logged_in):
    browser = logged_in("mediator")
    return {
        "login page": client.get("/auth/login"),
        "member page": browser.get("/account/profile"),
        "redirect": client.get("/"),
        "404 page": client.get("/no/such/page"),
        "405 page": client.get("/auth/logout"),
        "400 csrf page": client.post("/auth/login", data={}, csrf=False),
        "json": client.get("/healthz"),
        "json error": client.get("/nope", headers={"Accept": "application/json"}),
        "static": client.get("/static/css/app.css"),
    }


@pytest.fixture
def responses(client, logged_in):
    return _responses(client, logged_in)


KINDS = [
    "login page",
    "member page",
    "redirect",
    "404 page",
    "405 page",
    "400 csrf page",
    "json",
    "json error",
    "static",
]


@pytest.mark.parametrize("kind", KINDS)
def test_headers_on_every_response(responses, kind):
    headers = responses[kind].headers
    csp = headers["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (d.strip() for d in csp.split(";")) if part
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["default-src"] == "'self'"
    # WebSockets only to this site ('self' covers ws/wss on the same host: test_csp.py).
    assert directives["connect-src"] == "'self'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }


@pytest.mark.parametrize("kind", ["login page", "member page", "404 page"])
def test_html_pages_are_not_cached(responses, kind):
    assert "no-store" in responses[kind].headers["Cache-Control"]


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/auth/login").headers
    secure = client.get("/auth/login", base_url="https://localhost")
    assert "max-age=" in secure.headers["Strict-Transport-Security"]


def _set_cookie(response, name):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            return header
    raise AssertionError(f"no {name} cookie set")


@pytest.mark.parametrize("name", ["session", "remember_token"])
def test_cookies_are_httponly_and_samesite_lax(client, user_of, name):
    user = user_of("mediator")
    response = client.login(user.email, DEFAULT_PASSWORD, remember="y")
    cookie = _set_cookie(response, name)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_cookies_are_not_secure_in_testing(client, user_of):
    """Testing runs over http; production sets Secure (see test_config)."""
    user = user_of("mediator")
    cookie = _set_cookie(client.login(user.email, DEFAULT_PASSWORD), "session")
    assert "Secure" not in cookie
