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


def _render(app, source: str, lang: str, name: str = "page.html", **values) -> str:
    """Render template `source` as if it were file `name` (its extension sets autoescape)
    twice: through Flask (its context processors give `gettext` bound for the render) and
    by Jinja alone (Flask-Babel's globals); both must give the same text."""
    from flask import render_template

    autoescape = app.select_jinja_autoescape(name)
    template = app.jinja_env.overlay(autoescape=autoescape).from_string(source)
    with app.test_request_context(f"/?lang={lang}"):
        through_flask = render_template(template, **values)
        alone = template.render(**values)
    assert through_flask == alone
    return through_flask


@pytest.mark.parametrize("lang, expected", [("el", "Σύνδεση"), ("en", "Sign in")])
def test_templates_translate_in_the_request_language(app, lang, expected):
    assert _render(app, '{{ _("Sign in") }}', lang) == expected


def test_template_arguments_are_escaped_in_html_but_not_in_plain_text(app):
    source = '{{ _("by %(name)s", name=who) }}'
    assert _render(app, source, "en", who="<b>&") == "by &lt;b&gt;&amp;"
    assert _render(app, source, "en", name="mail.txt", who="<b>&") == "by <b>&"


def test_template_plurals_choose_the_form_and_fill_num(app):
    source = '{{ ngettext("%(num)s topic with new posts", "%(num)s topics with new posts", n) }}'
    assert _render(app, source, "en", n=1) == "1 topic with new posts"
    assert _render(app, source, "en", n=3) == "3 topics with new posts"
    assert _render(app, source, "el", n=1) == "1 θέμα με νέες δημοσιεύσεις"
    assert _render(app, source, "el", n=3) == "3 θέματα με νέες δημοσιεύσεις"


def test_force_locale_switches_template_translations_and_then_restores_them(app):
    from flask import render_template_string
    from flask_babel import force_locale

    with app.test_request_context("/?lang=el"):
        before = render_template_string('{{ _("Sign in") }}')
        with force_locale("en"):
            forced = render_template_string('{{ _("Sign in") }}')
        after = render_template_string('{{ _("Sign in") }}')
    assert (before, forced, after) == ("Σύνδεση", "Sign in", "Σύνδεση")


def test_markup_in_a_message_stays_markup_and_only_the_arguments_are_escaped(app):
    source = '{{ _("<em>%(name)s</em>", name=who) }}'
    assert _render(app, source, "en", who="<b>") == "<em>&lt;b&gt;</em>"
