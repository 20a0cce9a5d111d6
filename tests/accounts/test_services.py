"""Account services called directly: they flush, never commit, and raise named errors."""

import pytest

from mediator_portal.accounts import services
from mediator_portal.accounts.models import LoginSession, User
from mediator_portal.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


@pytest.fixture
def user(app_ctx):
    return make_user("mediator", email="amina@example.org", name="Amina Hassan")


@pytest.mark.parametrize(
    "typed", ["amina@example.org", "AMINA@EXAMPLE.ORG", " Amina@example.org\n"]
)
def test_find_by_email_ignores_case_and_spaces(user, typed):
    assert services.find_by_email(db.session, typed) == user


@pytest.mark.parametrize("typed", ["", "   ", "amina\x00@example.org", "a" * 300, None])
def test_find_by_email_answers_none_for_impossible_addresses(user, typed):
    assert services.find_by_email(db.session, typed) is None


def test_authenticate_returns_the_account(user):
    assert services.authenticate(db.session, "Amina@Example.org", DEFAULT_PASSWORD) == user


@pytest.mark.parametrize(
    ("email", "password"),
    [("amina@example.org", "wrong"), ("nobody@example.org", DEFAULT_PASSWORD), ("", "")],
)
def test_authenticate_refuses(user, email, password):
    with pytest.raises(services.InvalidCredentials):
        services.authenticate(db.session, email, password)


def test_authenticate_refuses_a_deactivated_account(user):
    user.active = False
    with pytest.raises(services.InvalidCredentials):
        services.authenticate(db.session, user.email, DEFAULT_PASSWORD)


def test_authenticate_upgrades_a_weak_hash(user, monkeypatch):
    old_hash = user.password_hash
    monkeypatch.setattr(services.sessions, "needs_rehash", lambda _hash: True)
    services.authenticate(db.session, user.email, DEFAULT_PASSWORD)
    assert user.password_hash != old_hash
    assert services.passwords.verify_password(user.password_hash, DEFAULT_PASSWORD)


def test_start_session_stores_only_a_hash_of_the_token(user):
    token = services.start_session(db.session, user, ip="192.0.2.1" * 10, user_agent="x" * 400)
    row = db.session.scalar(db.select(LoginSession))
    assert token not in row.token_hash
    assert len(row.ip) <= 64 and len(row.user_agent) <= 255
    assert user.last_login_at is not None
    assert services.find_login(db.session, token).user == user


def test_end_session_is_idempotent(user):
    token = services.start_session(db.session, user, ip=None, user_agent=None)
    services.end_session(db.session, token)
    first = db.session.scalar(db.select(LoginSession)).revoked_at
    services.end_session(db.session, token)
    services.end_session(db.session, None)
    services.end_session(db.session, "unknown")
    assert db.session.scalar(db.select(LoginSession)).revoked_at == first
    assert services.find_login(db.session, token) is None


def test_change_password_needs_the_current_one(user):
    with pytest.raises(services.InvalidCredentials):
        services.change_password(db.session, user, current="nope", new="a brand new passphrase")


def test_change_password_refuses_a_weak_one_and_keeps_sessions(user):
    token = services.start_session(db.session, user, ip=None, user_agent=None)
    with pytest.raises(services.WeakPassword) as error:
        services.change_password(db.session, user, current=DEFAULT_PASSWORD, new="password123")
    assert error.value.problems
    assert services.find_login(db.session, token).user == user


def test_change_password_ends_every_session(user):
    token = services.start_session(db.session, user, ip=None, user_agent=None)
    services.change_password(
        db.session, user, current=DEFAULT_PASSWORD, new="a brand new passphrase"
    )
    assert services.find_login(db.session, token) is None
    assert user.password_changed_at is not None


def test_set_languages_keeps_known_codes_once_in_order(user):
    services.set_languages(user, ["ar", "xx", "fa", "ar", "ti"])
    db.session.flush()
    assert user.language_codes == ["ar", "fa", "ti"]


def test_set_name_collapses_spaces_and_folds_the_key(user):
    services.set_name(user, "  Αμίνα \t Χασάν  ")
    assert user.name == "Αμίνα Χασάν"
    assert user.name_key == "αμινα χασαν"


def test_search_key_fits_its_column_even_when_folding_lengthens_it(user):
    services.set_name(user, "\ufdfa" * 60)  # each character folds to 18 letters
    db.session.flush()
    assert len(user.name_key) <= User.name_key.type.length


def test_update_profile(user):
    services.update_profile(user, name="Zahra Karimi", languages=["fa"], locale="en")
    assert (user.name, user.language_codes, user.locale) == ("Zahra Karimi", ["fa"], "en")


def test_services_do_not_commit(app, user):
    services.update_profile(user, name="Not Committed", languages=[], locale="en")
    db.session.flush()
    db.session.rollback()
    assert db.session.get(User, user.id) is None  # the factory's insert was never committed
