"""Error pages in both languages and JSON errors: a clear message, never a stack trace."""

import pytest
from sqlalchemy import text

from mediator_portal import home
from mediator_portal.extensions import db
from mediator_portal.permissions import Access, Permission

TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed",
    413: "File too large",
    429: "Too many attempts",
    500: "Something went wrong",
}


@pytest.fixture
def admin_only_profile(app, monkeypatch):
    """Make the profile page admin-only for this test, so a mediator meets a 403."""
    view = app.view_functions["accounts.profile"]
    monkeypatch.setattr(view, "access", Access(permissions=frozenset({Permission.ADMIN})))


@pytest.fixture
def broken_home(monkeypatch):
    """The start page raises an unexpected error."""

    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals: /srv/portal/db password=hunter2")

    monkeypatch.setattr(home.views, "render_template", explode)


@pytest.fixture
def small_uploads(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)


def _cause(code, browser, suffix="", headers=None):
    """Make `browser` meet error `code`; returns the response."""
    kwargs = {"headers": headers or {}}
    if code == 400:
        return browser.post("/auth/login" + suffix, data={}, csrf=False, **kwargs)
    if code == 403:
        return browser.get("/account/profile" + suffix, **kwargs)
    if code == 404:
        return browser.get("/no/such/page" + suffix, **kwargs)
    if code == 405:
        return browser.get("/auth/logout" + suffix, **kwargs)
    if code == 413:
        return browser.post("/auth/login" + suffix, data={"email": "x" * 5000}, **kwargs)
    if code == 429:
        for _ in range(5):  # the forgotten-password form allows 5 a quarter of an hour
            browser.post("/auth/forgot", data={"email": "a@example.org"})
        return browser.post("/auth/forgot" + suffix, data={"email": "a@example.org"}, **kwargs)
    if code == 500:
        return browser.get("/" + suffix, **kwargs)
    raise AssertionError(code)


@pytest.fixture
def browser(logged_in, admin_only_profile, broken_home, small_uploads):
    return logged_in("mediator")


@pytest.mark.logs_errors
@pytest.mark.parametrize("code", sorted(TITLES))
def test_error_page_in_english(browser, code):
    response = _cause(code, browser, "?lang=en")
    assert response.status_code == code
    assert response.mimetype == "text/html"
    assert 'lang="en"' in response.text
    assert TITLES[code] in response.text
    assert f"Error code: {code}" in response.text
    assert 'class="error-page"' in response.text
    assert "Traceback" not in response.text


@pytest.mark.logs_errors
@pytest.mark.parametrize("code", sorted(TITLES))
def test_error_page_in_greek_by_default(browser, code):
    response = _cause(code, browser)
    assert response.status_code == code
    assert 'lang="el"' in response.text
    assert 'class="error-page"' in response.text
    assert f"{code}" in response.text
    assert TITLES[code] not in response.text  # not left in English


@pytest.mark.logs_errors
@pytest.mark.parametrize("code", sorted(TITLES))
def test_json_errors_for_json_clients(browser, code):
    response = _cause(code, browser, "?lang=en", headers={"Accept": "application/json"})
    assert response.status_code == code
    assert response.is_json
    assert response.json["status"] == code
    assert response.json["error"] == TITLES[code]
    assert response.json["message"]


@pytest.mark.logs_errors
def test_500_hides_the_details(browser):
    response = browser.get("/?lang=en")
    assert response.status_code == 500
    assert "hunter2" not in response.text
    assert "secret internals" not in response.text
    assert "RuntimeError" not in response.text


@pytest.mark.logs_errors
def test_500_after_a_database_error_still_renders_the_page(logged_in, monkeypatch):
    browser = logged_in("mediator")

    def broken_query(*_args, **_kwargs):
        db.session.execute(text("SELECT * FROM no_such_table"))

    monkeypatch.setattr(home.views, "render_template", broken_query)
    response = browser.get("/?lang=en")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "no_such_table" not in response.text


@pytest.mark.logs_errors
def test_error_page_survives_a_broken_layout(logged_in, monkeypatch, broken_home):
    """Even when the layout cannot render, the person gets a short page, not a stack trace."""
    import mediator_portal.errors as errors

    def broken(*_args, **_kwargs):
        raise RuntimeError("layout broken")

    monkeypatch.setattr(errors, "render_template", broken)
    response = logged_in("mediator").get("/?lang=en")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert 'lang="en"' in response.text
    assert "layout broken" not in response.text


@pytest.mark.parametrize("path", ["/", "/account/profile", "/account/password"])
def test_anonymous_json_request_to_a_member_page_gets_401(client, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.json["status"] == 401


@pytest.mark.parametrize("path", ["/", "/account/profile"])
def test_anonymous_page_request_is_redirected_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_browser_accept_header_gets_html(client):
    response = client.get("/nope", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_413_keeps_working_after_the_limit_is_restored(app, client, small_uploads, monkeypatch):
    assert client.post("/auth/login", data={"email": "x" * 5000}).status_code == 413
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 50 * 1024 * 1024)
    assert client.post("/auth/login", data={"email": "x" * 5000}).status_code == 422
