"""CSRF: every form post needs this session's token; a missing or foreign one gets a clear 400."""

import pytest

from tests.factories import DEFAULT_PASSWORD

CSRF_TEXT = "The form has expired or was not sent from this site."


def _posts(browser, email):
    return {
        "login": ("/auth/login", {"email": email, "password": DEFAULT_PASSWORD}),
        "logout": ("/auth/logout", {}),
        "profile": ("/account/profile", {"name": "New Name", "locale": "el"}),
        "password": (
            "/account/password",
            {"current": DEFAULT_PASSWORD, "password": "x" * 12, "confirm": "x" * 12},
        ),
        "forgot": ("/auth/forgot", {"email": email}),
    }


@pytest.mark.parametrize("form", ["login", "logout", "profile", "password", "forgot"])
def test_post_without_token_gets_the_csrf_page(logged_in, form):
    browser = logged_in("mediator")
    path, data = _posts(browser, browser.user.email)[form]
    response = browser.post(path + "?lang=en", data=data, csrf=False)
    assert response.status_code == 400
    assert CSRF_TEXT in response.text
    assert 'class="error-page"' in response.text
    assert browser.get("/").status_code == 200  # nothing happened: still signed in


@pytest.mark.parametrize("form", ["login", "logout", "profile", "password"])
def test_token_from_another_session_is_refused(logged_in, new_client, form):
    browser = logged_in("mediator")
    other = new_client()
    other.get("/auth/login")
    foreign = other.csrf_token()
    path, data = _posts(browser, browser.user.email)[form]
    response = browser.post(path + "?lang=en", data={**data, "csrf_token": foreign}, csrf=False)
    assert response.status_code == 400
    assert CSRF_TEXT in response.text


def test_anonymous_login_without_token_is_refused(client, user_of):
    user = user_of("mediator")
    response = client.post(
        "/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD}, csrf=False
    )
    assert response.status_code == 400
    assert 'lang="el"' in response.text
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c"])
def test_junk_tokens_are_refused(client, user_of, token):
    user = user_of("mediator")
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token},
        csrf=False,
    )
    assert response.status_code == 400


def test_csrf_error_is_json_for_json_clients(logged_in):
    browser = logged_in("mediator")
    response = browser.post("/auth/logout", csrf=False, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json["status"] == 400
    assert CSRF_TEXT in response.json["message"] or response.json["message"]


def test_pages_carry_the_token_in_their_forms(logged_in):
    page = logged_in("mediator").get("/account/profile").text
    assert page.count('name="csrf_token"') >= 2  # the profile form and the sign-out button
