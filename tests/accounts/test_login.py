"""Signing in and out: e-mail in any case, one message for every failure, remember me, `next=`."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import DEFAULT_PASSWORD

ROLES = ("mediator", "supervisor", "trainer", "admin")
WRONG = "The e-mail or the password is not correct."


def _signed_in(browser) -> bool:
    """True when `browser` can open the members' start page."""
    return browser.get("/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_every_role_signs_in_and_lands_on_home(client, user_of, role):
    user = user_of(role)
    response = client.login(user.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert _signed_in(client)


@pytest.mark.parametrize(
    "typed", ["Amina.Hassan@Example.org", "AMINA.HASSAN@EXAMPLE.ORG", "  amina.hassan@example.org "]
)
def test_email_is_matched_in_any_case_and_without_spaces(client, user_of, typed):
    user_of("mediator", email="amina.hassan@example.org")
    assert client.login(typed, DEFAULT_PASSWORD).status_code == 302
    assert _signed_in(client)


def test_anonymous_person_is_sent_to_the_login_page_with_next(client):
    response = client.get("/account/profile")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/auth/login"
    assert parse_qs(location.query)["next"] == ["/account/profile"]


def _untimed(page: str) -> str:
    """`page` with its CSRF tokens (signed with the time, to the second) blanked."""
    return re.sub(r'(csrf[-_]token"? (?:content|value)=")[^"]+', r"\1", page)


def test_unknown_email_and_wrong_password_get_the_same_message(client, user_of):
    user = user_of("mediator")
    unknown = client.post(
        "/auth/login?lang=en", data={"email": "nobody@example.org", "password": "whatever-it-is"}
    )
    wrong = client.post(
        "/auth/login?lang=en", data={"email": user.email, "password": "not the password"}
    )
    assert unknown.status_code == wrong.status_code == 422
    assert WRONG in unknown.text and WRONG in wrong.text
    # Nothing else tells the two apart: the pages differ only by the e-mail typed (and the
    # CSRF token's signing time, which changes when the two straddle a second).
    assert _untimed(unknown.text.replace("nobody@example.org", user.email)) == _untimed(wrong.text)
    assert not _signed_in(client)


def test_typed_email_is_kept_and_the_password_is_not(client, user_of):
    user = user_of("mediator")
    response = client.post("/auth/login", data={"email": user.email, "password": "wrong-guess-1"})
    assert f'value="{user.email}"' in response.text
    assert "wrong-guess-1" not in response.text


@pytest.mark.parametrize(
    "data",
    [{"email": "", "password": "x"}, {"email": "a@example.org", "password": ""}, {}],
    ids=["no-email", "no-password", "nothing"],
)
def test_missing_fields_answer_with_the_form(client, data):
    response = client.post("/auth/login", data=data)
    assert response.status_code == 422
    assert 'class="govgr-error-message"' in response.text


def test_deactivated_account_cannot_sign_in_and_gets_the_same_message(client, user_of):
    user = user_of("mediator", active=False)
    response = client.post(
        "/auth/login?lang=en", data={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 422
    assert WRONG in response.text
    assert not _signed_in(client)


def test_invited_account_without_password_cannot_sign_in(client, user_of):
    user = user_of("mediator", password=None)
    response = client.post("/auth/login", data={"email": user.email, "password": ""})
    assert response.status_code == 422
    response = client.post("/auth/login", data={"email": user.email, "password": "anything-at-all"})
    assert response.status_code == 422
    assert not _signed_in(client)


def test_logout_is_a_post_and_signs_out(logged_in):
    browser = logged_in("mediator")
    assert browser.get("/auth/logout").status_code == 405
    assert _signed_in(browser)
    response = browser.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    assert not _signed_in(browser)


def test_signed_in_person_opening_login_goes_home(logged_in):
    browser = logged_in("mediator")
    response = browser.get("/auth/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_signed_in_person_opening_login_with_next_goes_there(logged_in):
    browser = logged_in("mediator")
    assert browser.get("/auth/login?next=/account/profile").headers["Location"] == (
        "/account/profile"
    )
    assert browser.get("/auth/login?next=//evil.example").headers["Location"] == "/"


def test_logout_keeps_the_chosen_language(logged_in):
    browser = logged_in("mediator")
    browser.get("/?lang=en")
    browser.logout()
    assert 'lang="en"' in browser.get("/auth/login").text


def test_remember_me_restores_the_session_without_the_session_cookie(client, user_of):
    user = user_of("mediator")
    response = client.login(user.email, DEFAULT_PASSWORD, remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("remember_token=") for c in cookies)
    client.delete_cookie("session")  # the browser was closed
    assert _signed_in(client)


def test_without_remember_me_closing_the_browser_signs_out(client, user_of):
    user = user_of("mediator")
    response = client.login(user.email, DEFAULT_PASSWORD)
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))
    client.delete_cookie("session")
    assert not _signed_in(client)


LOCAL_TARGETS = ["/account/profile", "/account/profile?lang=en"]
OFF_SITE_TARGETS = [
    "//evil.example",
    "//evil.example/account/profile",
    "https://evil.example",
    "http://evil.example/",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\nLocation: https://evil.example",
    "javascript:alert(1)",
    "evil.example",
    "https:evil.example",
    "///evil.example",
]


@pytest.mark.parametrize(
    ("target", "expected"),
    [(t, t) for t in LOCAL_TARGETS] + [(t, "/") for t in OFF_SITE_TARGETS],
)
def test_next_redirects_only_to_local_paths(client, user_of, target, expected):
    user = user_of("mediator")
    response = client.post(
        "/auth/login",
        query_string={"next": target},
        data={"email": user.email, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected
