"""Login throttling: 10 failed attempts a minute per account and per address, then 429."""

import pytest

from tests.factories import DEFAULT_PASSWORD

LIMIT = 10


WRONG_PASSWORD = "wrong password!"  # noqa: S105


def _attempt(browser, email: str, password: str = WRONG_PASSWORD, ip: str = "192.0.2.1", **kw):
    return browser.post(
        "/auth/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
        **kw,
    )


def test_default_limit_is_ten_per_minute(app):
    assert app.config["LOGIN_LIMIT"] == "10 per minute"


@pytest.mark.parametrize("lang", ["en", "el"])
def test_eleventh_wrong_password_gets_429_with_a_clear_page(client, user_of, lang):
    user = user_of("mediator")
    client.get(f"/auth/login?lang={lang}")
    for _ in range(LIMIT):
        response = _attempt(client, user.email)
        assert response.status_code == 422
        assert 'name="password"' in response.text
    response = _attempt(client, user.email)
    assert response.status_code == 429
    assert f'lang="{lang}"' in response.text
    assert 'class="error-page"' in response.text
    assert "429" in response.text
    if lang == "en":
        assert "Too many attempts" in response.text
        assert "wait a minute" in response.text
    assert int(response.headers["Retry-After"]) > 0


def test_the_right_password_is_refused_too_once_the_limit_is_reached(client, user_of):
    user = user_of("mediator")
    for _ in range(LIMIT):
        _attempt(client, user.email)
    assert _attempt(client, user.email, DEFAULT_PASSWORD).status_code == 429
    assert client.get("/").status_code == 302


def test_the_429_page_follows_lang_in_the_url(client, user_of):
    user = user_of("mediator")
    for _ in range(LIMIT):
        _attempt(client, user.email)
    response = client.post(
        "/auth/login?lang=en",
        data={"email": user.email, "password": "x"},
        environ_base={"REMOTE_ADDR": "192.0.2.1"},
    )
    assert response.status_code == 429
    assert 'lang="en"' in response.text


def test_per_account_limit_holds_across_addresses(new_client, user_of):
    user = user_of("mediator")
    for number in range(LIMIT):
        response = _attempt(new_client(), user.email.upper(), ip=f"198.51.100.{number + 1}")
        assert response.status_code == 422
    assert _attempt(new_client(), user.email, ip="203.0.113.50").status_code == 429
    # Another account is not affected by the attack on this one.
    other = user_of("mediator")
    assert _attempt(new_client(), other.email, ip="203.0.113.51").status_code == 422


def test_per_address_limit_holds_across_emails(client, new_client):
    for number in range(LIMIT):
        assert _attempt(client, f"guess{number}@example.org").status_code == 422
    assert _attempt(client, "another@example.org").status_code == 429
    # The same e-mail from another address is still answered.
    assert _attempt(new_client(), "another@example.org", ip="192.0.2.99").status_code == 422


def test_successful_logins_do_not_count(client, user_of):
    user = user_of("mediator")
    for _ in range(LIMIT + 2):
        assert _attempt(client, user.email, DEFAULT_PASSWORD).status_code == 302
        client.logout()
    for _ in range(LIMIT):
        assert _attempt(client, user.email).status_code == 422
    assert _attempt(client, user.email).status_code == 429


def test_page_views_do_not_count(client, user_of):
    user = user_of("mediator")
    for _ in range(LIMIT + 5):
        assert client.get("/auth/login").status_code == 200
    assert _attempt(client, user.email).status_code == 422


def test_429_is_json_for_json_clients(client, user_of):
    user = user_of("mediator")
    for _ in range(LIMIT):
        _attempt(client, user.email)
    response = _attempt(client, user.email, headers={"Accept": "application/json"})
    assert response.status_code == 429
    assert response.json["status"] == 429
    assert response.json["error"]
