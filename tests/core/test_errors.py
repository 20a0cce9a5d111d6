"""Error pages in both languages and JSON errors: a clear message, never a stack trace."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from config import get_config
from mediator_portal import home
from mediator_portal.extensions import db
from mediator_portal.permissions import Access, Permission

ROOT = Path(__file__).resolve().parents[2]

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
def small_forms(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_FORM_BYTES", 1024)


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
def browser(logged_in, admin_only_profile, broken_home, small_forms):
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


def test_413_keeps_working_after_the_limit_is_restored(app, client, small_forms, monkeypatch):
    assert client.post("/auth/login", data={"email": "x" * 5000}).status_code == 413
    monkeypatch.setitem(app.config, "MAX_FORM_BYTES", 1024 * 1024)
    assert client.post("/auth/login", data={"email": "x" * 5000}).status_code == 422


# Request sizes: ordinary forms and JSON are held to MAX_FORM_BYTES (1 MB); only routes that
# declare uploads take up to MAX_CONTENT_LENGTH.

MARKER = "REFUSED-BODY-MARKER"
TEN_MB = 10 * 1024 * 1024


def test_a_10_mb_form_is_refused_and_not_echoed(client):
    """Before the form limit, the login form answered 422 with all 10 MB in the e-mail field."""
    response = client.post(
        "/auth/login?lang=en", data={"email": MARKER + "x" * TEN_MB, "password": "p"}
    )
    assert response.status_code == 413
    assert "File too large" in response.text
    assert MARKER not in response.text
    assert len(response.data) < 20_000


def test_the_limits_by_default(app):
    assert app.config["MAX_FORM_BYTES"] == 1024 * 1024
    # A 200 MB video (UPLOAD_MAX_VIDEO_BYTES) and the rest of its form.
    assert app.config["MAX_CONTENT_LENGTH"] == 201 * 1024 * 1024


def test_the_form_limit_comes_from_the_environment():
    assert get_config("testing", {"MAX_FORM_BYTES": "2048"})["MAX_FORM_BYTES"] == 2048


def test_a_form_under_the_limit_reaches_the_form(client):
    response = client.post(
        "/auth/login?lang=en", data={"email": "x" * (900 * 1024), "password": "p"}
    )
    assert response.status_code == 422  # the form's own message: the address is too long


def test_json_over_the_form_limit_gets_a_json_413(logged_in):
    browser = logged_in("mediator")
    response = browser.post(
        "/forums/preview?lang=en",
        data=json.dumps({"body": MARKER + "x" * (2 * 1024 * 1024)}),
        content_type="application/json",
        headers={"X-CSRFToken": browser.csrf_token()},
    )
    assert response.status_code == 413
    assert response.json["status"] == 413
    assert response.json["error"] == "File too large"
    assert MARKER not in response.text


# A route that declares uploads exists only in this test: the session's app has served
# requests already (Flask refuses new routes then), so the check runs in its own process.
UPLOAD_CHECK = """
import io, json
from flask import request
from mediator_portal import create_app
from mediator_portal.permissions import public
from mediator_portal.security import accepts_uploads
from tests.clients import PortalClient

app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": "sqlite://",
                                       "MAX_CONTENT_LENGTH": 3 * 2**20})

@app.route("/upload-test", methods=["POST"])
@public
@accepts_uploads
def upload_test():
    return {"bytes": len(request.files["file"].read())}

app.test_client_class = PortalClient
client = app.test_client()

def post(path, size):
    data = {"file": (io.BytesIO(b"x" * size), "f.bin")}
    return client.post(path + "?lang=en", data=data, content_type="multipart/form-data")

upload = post("/upload-test", 2 * 2**20)
print(json.dumps({
    "upload 2 MB": [upload.status_code, upload.get_json()],
    "upload 4 MB": post("/upload-test", 4 * 2**20).status_code,
    "form 2 MB": post("/auth/login", 2 * 2**20).status_code,
}))
"""


def test_only_routes_that_accept_uploads_take_large_bodies():
    result = subprocess.run(
        [sys.executable, "-c", UPLOAD_CHECK],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses == {
        "upload 2 MB": [200, {"bytes": 2 * 2**20}],
        "upload 4 MB": 413,  # over MAX_CONTENT_LENGTH (3 MB here)
        "form 2 MB": 413,  # over MAX_FORM_BYTES on a route that takes no uploads
    }
