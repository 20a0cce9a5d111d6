"""Interface language: ?lang= for this browser, then the account's choice, then Greek."""

import pytest
from flask_babel import get_locale

from mediator_portal import i18n


def test_greek_by_default(client):
    assert 'lang="el"' in client.get("/auth/login").text


@pytest.mark.parametrize("lang", ["el", "en"])
def test_lang_parameter_switches_and_is_remembered(client, lang):
    assert f'lang="{lang}"' in client.get(f"/auth/login?lang={lang}").text
    assert f'lang="{lang}"' in client.get("/auth/forgot").text


@pytest.mark.parametrize("lang", ["de", "", "EN", "en-GB", "../etc", "<script>"])
def test_unknown_languages_are_ignored(client, lang):
    response = client.get("/auth/login", query_string={"lang": lang})
    assert response.status_code == 200
    assert 'lang="el"' in response.text


def test_english_page_is_in_english(client):
    page = client.get("/auth/login?lang=en").text
    assert "Sign in" in page
    assert "Forgot your password?" in page


def test_account_language_applies_when_the_browser_chose_none(logged_in):
    browser = logged_in("mediator", locale="en")
    assert 'lang="en"' in browser.get("/").text


def test_browser_choice_beats_the_account_language(logged_in):
    browser = logged_in("mediator", locale="en")
    assert 'lang="el"' in browser.get("/?lang=el").text
    assert 'lang="el"' in browser.get("/").text


def test_language_switch_links_keep_the_query(client):
    page = client.get("/auth/login?next=/account/profile&lang=en").text
    assert "next=%2Faccount%2Fprofile" in page or "next=/account/profile" in page
    assert "lang=el" in page


def test_locale_outside_a_request_is_the_default(app_ctx):
    assert i18n.select_locale() == "el"
    assert str(get_locale()) == "el"


def test_redirect_to_login_keeps_lang(client):
    response = client.get("/account/profile?lang=en")
    assert response.status_code == 302
    assert 'lang="en"' in client.get(response.headers["Location"]).text
