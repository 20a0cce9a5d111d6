"""One's own profile and password: name, languages, interface language, password change;
every naughty string either round-trips escaped or gets a clear message, never a 5xx."""

import re

import pytest
from markupsafe import escape
from sqlalchemy.orm import selectinload

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from tests.factories import DEFAULT_PASSWORD
from tests.support import naughty_sample, naughty_strings

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

ROLES = ("mediator", "supervisor", "trainer", "admin")
BLNS = naughty_strings()
NEW_PASSWORD = "figs and honey at noon"  # noqa: S105


def _profile(browser, **fields):
    data = {"name": "Αμίνα Χασάν", "languages": ["ar", "en"], "locale": "el", **fields}
    return browser.post("/account/profile?lang=en", data=data)


def _stored(app, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id, options=[selectinload(User.languages)])
        db.session.expunge(user)
        return user


@pytest.mark.parametrize("role", ROLES)
def test_profile_shows_own_details(logged_in, role):
    browser = logged_in(role, name="Δέσποινα Λαμπράκη", languages=("el", "fr"))
    page = browser.get("/account/profile")
    assert page.status_code == 200
    assert browser.user.email in page.text
    assert 'value="Δέσποινα Λαμπράκη"' in page.text
    assert re.search(r'value="fr"[^>]*checked|checked[^>]*value="fr"', page.text)


@pytest.mark.parametrize("role", ROLES)
def test_profile_saves_name_languages_and_locale(app, logged_in, role):
    browser = logged_in(role)
    response = _profile(browser, name="  Ζαχρά   Καρίμι ", languages=["fa", "prs"], locale="en")
    assert response.status_code == 302
    user = _stored(app, browser.user.id)
    assert user.name == "Ζαχρά Καρίμι"
    assert user.language_codes == ["fa", "prs"]
    assert user.locale == "en"


def test_interface_language_is_applied(logged_in, new_client):
    browser = logged_in("mediator")
    assert 'lang="el"' in browser.get("/").text
    _profile(browser, locale="en")
    assert 'lang="en"' in browser.get("/").text
    # A new sign-in elsewhere uses the saved preference too.
    other = new_client()
    other.login(browser.user.email, DEFAULT_PASSWORD)
    assert 'lang="en"' in other.get("/").text


@pytest.mark.parametrize(("old", "new"), [("el", "en"), ("en", "el")])
def test_saved_message_is_in_the_new_language(logged_in, old, new):
    browser = logged_in("mediator")
    browser.get(f"/?lang={old}")
    response = _profile(browser, locale=new)
    page = browser.get(response.headers["Location"]).text
    assert f'lang="{new}"' in page
    assert ("Your profile has been saved." in page) is (new == "en")


def test_clearing_all_languages_is_allowed(app, logged_in):
    browser = logged_in("mediator", languages=("el", "ar"))
    response = browser.post("/account/profile", data={"name": "Some Name", "locale": "el"})
    assert response.status_code == 302
    assert _stored(app, browser.user.id).language_codes == []


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "A"}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "Bad\x00Name"}, "name"),
        ({"name": "Bell\x07Name"}, "name"),
        ({"languages": ["ar", "klingon"]}, "languages"),
        ({"locale": "de"}, "locale"),
    ],
    ids=["empty", "blank", "one-letter", "too-long", "nul", "control", "language", "locale"],
)
def test_bad_profile_input_is_explained_and_kept(app, logged_in, fields, field_name):
    browser = logged_in("mediator", name="Original Name")
    response = _profile(browser, **fields)
    assert response.status_code == 422
    assert 'class="govgr-error-message"' in response.text
    if field_name != "name":
        assert 'value="Αμίνα Χασάν"' in response.text  # what was typed is kept
    assert _stored(app, browser.user.id).name == "Original Name"


def test_profile_needs_sign_in(client):
    assert client.get("/account/profile").status_code == 302
    assert client.post("/account/profile", data={"name": "X Y"}).status_code == 302


def test_naughty_names_round_trip_or_get_a_message(app, logged_in):
    """The sample of naughty strings, in one test (a sign-in per string would take minutes)."""
    browser = logged_in("mediator")
    wrong, refused = [], []
    for number, naughty in enumerate(naughty_sample()):
        response = _profile(browser, name=naughty)
        if response.status_code == 422 and 'class="govgr-error-message"' in response.text:
            refused.append(naughty)  # refused with a message on the page
            continue
        if response.status_code != 302:
            wrong.append((number, naughty, response.status_code))
            continue
        page = browser.get("/account/profile")
        if f'value="{escape(" ".join(naughty.split()))}"' not in page.text:
            wrong.append((number, naughty, "not shown as typed"))
    assert wrong == []
    # Names in any script pass: only blanks, single letters and control characters fail.
    assert len(refused) < len(naughty_sample()) // 2, refused


def test_naughty_login_emails_never_break_the_page(app, new_client):
    wrong = []
    for number, naughty in enumerate(naughty_sample()):
        # A fresh address per string: the throttle would otherwise answer 429.
        browser = new_client()
        response = browser.post(
            "/auth/login",
            data={"email": naughty, "password": "whatever it is"},
            environ_base={"REMOTE_ADDR": f"10.{number // 250}.{number % 250}.1"},
        )
        if response.status_code != 422 or 'class="govgr-error-message"' not in response.text:
            wrong.append((number, naughty, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("naughty", BLNS[::5], ids=range(0, len(BLNS), 5))
def test_naughty_forgot_emails_never_break_the_page(client, naughty):
    response = client.post("/auth/forgot", data={"email": naughty})
    assert response.status_code in (302, 422, 429)


# -- password change ----------------------------------------------------------------------


def _change(browser, current=DEFAULT_PASSWORD, new=NEW_PASSWORD, confirm=None):
    return browser.post(
        "/account/password?lang=en",
        data={"current": current, "password": new, "confirm": new if confirm is None else confirm},
    )


def test_password_page_renders(logged_in):
    assert logged_in("mediator").get("/account/password").status_code == 200


def test_password_change_then_sign_in_with_the_new_one(logged_in, new_client):
    browser = logged_in("mediator")
    response = _change(browser)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/profile"
    other = new_client()
    assert other.login(browser.user.email, DEFAULT_PASSWORD).status_code == 422
    assert other.login(browser.user.email, NEW_PASSWORD).status_code == 302


def test_wrong_current_password_is_refused(logged_in, new_client):
    browser = logged_in("mediator")
    response = _change(browser, current="not my password")
    assert response.status_code == 422
    assert "The current password is not correct." in response.text
    assert new_client().login(browser.user.email, DEFAULT_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("short", None, "Use at least 10 characters."),
        ("password123", None, "too common"),
        (NEW_PASSWORD, "different confirmation", "The passwords do not match."),
    ],
    ids=["short", "common", "mismatch"],
)
def test_weak_new_password_is_refused(logged_in, new, confirm, message):
    browser = logged_in("mediator")
    response = _change(browser, new=new, confirm=confirm)
    assert response.status_code == 422
    assert message in response.text
    assert browser.get("/").status_code == 200


def test_new_password_equal_to_own_email_is_refused(logged_in):
    browser = logged_in("mediator", email="long.address.mediator@example.org")
    email = browser.user.email
    response = _change(browser, new=email)
    assert response.status_code == 422
    assert "too common" in response.text


def test_interface_language_labels_carry_their_language(logged_in):
    page = logged_in("mediator").get("/account/profile?lang=en").text
    assert 'lang="el">Ελληνικά</label>' in page.replace('for="locale-0" ', "")
    assert 'aria-describedby="languages-hint"' in page
