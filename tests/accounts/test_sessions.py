"""Login sessions live on the server: logging out, a password change or deactivation ends
them, so a cookie copied earlier stops working."""

import pytest

from mediator_portal.accounts import services
from mediator_portal.accounts.models import LoginSession, User
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

NEW_PASSWORD = "a new and long passphrase"  # noqa: S105


def _signed_in(browser) -> bool:
    return browser.get("/").status_code == 200


def _copy_cookie(source, target, name: str) -> None:
    cookie = source.get_cookie(name)
    assert cookie is not None, f"{name} cookie missing"
    target.set_cookie(name, cookie.value)


@pytest.fixture
def stolen(new_client):
    """`stolen(browser, *names)`: a second browser holding copies of `browser`'s cookies."""

    def copy(browser, *names: str):
        thief = new_client()
        for name in names or ("session",):
            _copy_cookie(browser, thief, name)
        return thief

    return copy


def test_a_copied_session_cookie_works_until_logout(logged_in, stolen):
    browser = logged_in("mediator")
    thief = stolen(browser, "session")
    assert _signed_in(thief)  # the copy is as good as the original...
    browser.logout()
    assert not _signed_in(thief)  # ...until the session ends on the server
    assert not _signed_in(browser)


def test_a_copied_remember_cookie_stops_working_after_logout(client, user_of, stolen):
    user = user_of("mediator")
    client.login(user.email, DEFAULT_PASSWORD, remember="y")
    thief = stolen(client, "remember_token")
    assert _signed_in(thief)
    client.logout()
    assert not _signed_in(thief)


def test_logout_deletes_the_remember_cookie(client, user_of):
    user = user_of("mediator")
    client.login(user.email, DEFAULT_PASSWORD, remember="y")
    assert client.get_cookie("remember_token") is not None
    client.logout()
    assert client.get_cookie("remember_token") is None


def test_logout_ends_only_this_browser(client, new_client, user_of):
    user = user_of("mediator")
    phone, laptop = new_client(), new_client()
    phone.login(user.email, DEFAULT_PASSWORD)
    laptop.login(user.email, DEFAULT_PASSWORD)
    phone.logout()
    assert not _signed_in(phone)
    assert _signed_in(laptop)


def test_password_change_ends_other_sessions_and_keeps_this_one(logged_in, stolen, new_client):
    browser = logged_in("mediator")
    copy = stolen(browser, "session")
    other_device = new_client()
    other_device.login(browser.user.email, DEFAULT_PASSWORD)
    response = browser.post(
        "/account/password",
        data={"current": DEFAULT_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _signed_in(browser)
    assert not _signed_in(copy)
    assert not _signed_in(other_device)


def test_password_change_keeps_remember_me_of_this_browser(client, user_of, stolen):
    user = user_of("mediator")
    client.login(user.email, DEFAULT_PASSWORD, remember="y")
    old_remember = stolen(client, "remember_token")
    client.post(
        "/account/password",
        data={"current": DEFAULT_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert not _signed_in(old_remember)
    client.delete_cookie("session")  # the browser was closed and opened again
    assert _signed_in(client)


def test_deactivation_ends_every_session(app, client, user_of, stolen):
    user = user_of("mediator")
    client.login(user.email, DEFAULT_PASSWORD, remember="y")
    with app.app_context():
        account = db.session.get(User, user.id)
        account.active = False
        assert services.end_all_sessions(db.session, account) == 1
        db.session.commit()
    assert not _signed_in(client)
    client.delete_cookie("session")
    assert not _signed_in(client)


def test_sessions_stay_ended_when_an_account_is_reactivated(app, logged_in):
    browser = logged_in("mediator")
    with app.app_context():
        account = db.session.get(User, browser.user.id)
        account.active = False
        services.end_all_sessions(db.session, account)
        db.session.commit()
        account.active = True
        db.session.commit()
    assert not _signed_in(browser)


def test_end_all_sessions_alone_signs_out_every_browser(app, logged_in):
    browser = logged_in("trainer")
    with app.app_context():
        services.end_all_sessions(db.session, db.session.get(User, browser.user.id))
        db.session.commit()
    assert not _signed_in(browser)


def test_end_all_sessions_can_keep_one(app_ctx, user_of):
    user = db.session.merge(user_of("mediator"))
    kept = services.start_session(db.session, user, ip="10.0.0.1", user_agent="phone")
    services.start_session(db.session, user, ip="10.0.0.2", user_agent="laptop")
    assert services.end_all_sessions(db.session, user, keep=kept) == 1
    db.session.commit()
    assert services.find_login(db.session, kept).user == user


def test_deactivated_account_loses_access_even_before_sessions_are_ended(app, logged_in):
    browser = logged_in("mediator")
    with app.app_context():
        db.session.get(User, browser.user.id).active = False
        db.session.commit()
    assert not _signed_in(browser)


def test_last_use_is_recorded_even_on_pages_that_write_nothing(app, logged_in):
    browser = logged_in("mediator")
    long_ago = utcnow() - services.sessions.SEEN_RESOLUTION * 3
    with app.app_context():
        db.session.execute(db.update(LoginSession).values(last_seen_at=long_ago))
        db.session.commit()
    assert browser.get("/forums/").status_code == 200  # a page that commits nothing itself
    with app.app_context():
        seen = db.session.scalar(db.select(LoginSession.last_seen_at))
    assert seen > long_ago + services.sessions.SEEN_RESOLUTION
    assert _signed_in(browser)


def test_recent_use_is_not_written_again(app, logged_in, count_queries):
    browser = logged_in("mediator")
    with count_queries() as statements:
        assert _signed_in(browser)
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE LOGIN_SESSIONS")]


def test_login_renews_the_session(client, user_of, new_client):
    user = user_of("mediator")
    client.get("/auth/login?lang=en")
    before = client.get_cookie("session").value
    client.login(user.email, DEFAULT_PASSWORD)
    after = client.get_cookie("session").value
    assert before != after
    # The cookie from before sign-in does not carry the login.
    old = new_client()
    old.set_cookie("session", before)
    assert not _signed_in(old)
    # The chosen language survives the renewal.
    assert 'lang="en"' in client.get("/").text


def test_each_login_opens_a_new_server_session(app, client, user_of):
    user = user_of("mediator")
    client.login(user.email, DEFAULT_PASSWORD)
    client.logout()
    client.login(user.email, DEFAULT_PASSWORD)
    with app.app_context():
        rows = db.session.scalars(
            db.select(LoginSession).where(LoginSession.user_id == user.id)
        ).all()
    assert len(rows) == 2
    assert sum(row.revoked_at is None for row in rows) == 1


def test_the_session_cookie_holds_no_user_id(client, user_of):
    """The cookie carries a random session token, not a guessable account number."""
    user = user_of("mediator")
    client.login(user.email, DEFAULT_PASSWORD)
    with client.session_transaction() as session:
        assert session["_user_id"] != str(user.id)
        assert len(session["_user_id"]) >= 40


@pytest.mark.parametrize("token", [None, "", "x" * 200, "not-a-token"])
def test_user_for_token_refuses_junk(app_ctx, token):
    assert services.find_login(db.session, token) is None


def test_forged_session_with_a_user_id_is_anonymous(client, user_of):
    user = user_of("admin")
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    assert not _signed_in(client)
