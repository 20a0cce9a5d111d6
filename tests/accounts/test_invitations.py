"""Invitation links: signed, expiring, single-use; the person sets a password and signs in."""

import time

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.accounts.services import invitations
from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

GOOD_PASSWORD = "olive trees by the sea"  # noqa: S105
EMAIL = "new.mediator@example.org"


@pytest.fixture
def invite(app):
    """`invite(**fields)` -> (user id, token): an invited account and its link token."""

    def create(**fields):
        with app.app_context():
            user = invitations.invite_user(
                db.session,
                name=fields.pop("name", "Νέα Διαμεσολαβήτρια"),
                email=fields.pop("email", EMAIL),
                role=fields.pop("role", "mediator"),
                municipality=None,
                languages=fields.pop("languages", ["el", "ar"]),
                **fields,
            )
            token = invitations.make_token(user, invitations.INVITE)
            db.session.commit()
            return user.id, token

    return create


def _accept(browser, token: str, password: str = GOOD_PASSWORD, confirm: str | None = None):
    return browser.post(
        f"/auth/invitation/{token}?lang=en",
        data={"password": password, "confirm": password if confirm is None else confirm},
    )


def test_valid_link_shows_the_page(client, invite):
    _, token = invite()
    response = client.get(f"/auth/invitation/{token}")
    assert response.status_code == 200
    assert "Νέα Διαμεσολαβήτρια" in response.text
    assert EMAIL in response.text
    assert 'name="password"' in response.text


def test_setting_a_password_activates_the_account(client, invite):
    _, token = invite()
    response = _accept(client, token)
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    assert client.login(EMAIL.upper(), GOOD_PASSWORD).status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Use at least 10 characters."),
        ("password123", "too common or too easy to guess"),
        ("PASSWORD123", "too common or too easy to guess"),
        (EMAIL, "too common or too easy to guess"),
        ("new.mediator", "too common or too easy to guess"),
        ("Νέα Διαμεσολαβήτρια", "too common or too easy to guess"),
        ("aaaaaaaaaaaaaaaa", "too common or too easy to guess"),
        ("x" * 1025, "1024 characters"),
    ],
    ids=["short", "common", "common-upper", "email", "email-name", "own-name", "repeated", "long"],
)
def test_weak_passwords_are_refused_with_a_clear_message(app, client, invite, password, message):
    user_id, token = invite()
    response = _accept(client, token, password)
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    with app.app_context():
        assert db.session.get(User, user_id).password_hash is None
    # The link still works after a refused password.
    assert _accept(client, token).status_code == 302


def test_mismatched_confirmation_is_refused(client, invite):
    _, token = invite()
    response = _accept(client, token, GOOD_PASSWORD, "something else entirely")
    assert response.status_code == 422
    assert "The passwords do not match." in response.text


def test_used_link_no_longer_works(client, invite):
    _, token = invite()
    assert _accept(client, token).status_code == 302
    response = client.get(f"/auth/invitation/{token}?lang=en")
    assert response.status_code == 404
    assert "This link cannot be used" in response.text
    assert _accept(client, token, "another fine passphrase").status_code == 404


def test_expired_link_gets_410(client, invite, monkeypatch):
    eight_days_ago = time.time() - 8 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: eight_days_ago)
        _, token = invite()
    response = client.get(f"/auth/invitation/{token}?lang=en")
    assert response.status_code == 410
    assert "The link has expired." in response.text
    assert _accept(client, token).status_code == 410


def test_link_expiry_follows_the_setting(app, client, invite, monkeypatch):
    _, token = invite()
    monkeypatch.setitem(app.config, "INVITATION_MAX_AGE", -1)
    assert client.get(f"/auth/invitation/{token}").status_code == 410


@pytest.mark.parametrize(
    "tamper",
    [
        # The first character of the signature: the last one may only carry padding bits.
        lambda t: (
            t[: t.rindex(".") + 1]
            + ("A" if t[t.rindex(".") + 1] != "A" else "B")
            + t[t.rindex(".") + 2 :]
        ),
        lambda t: "x" + t,
        lambda t: t.split(".")[0],
        lambda t: "not-a-token",
    ],
    ids=["signature", "payload", "truncated", "junk"],
)
def test_tampered_link_gets_404(client, invite, tamper):
    _, token = invite()
    response = client.get(f"/auth/invitation/{tamper(token)}?lang=en")
    assert response.status_code == 404
    assert "This link cannot be used" in response.text
    assert 'lang="en"' in response.text


def test_a_reset_token_is_not_an_invitation(app, client, invite):
    user_id, _ = invite()
    with app.app_context():
        token = invitations.make_token(db.session.get(User, user_id), invitations.RESET)
    assert client.get(f"/auth/invitation/{token}").status_code == 404


def test_renewed_invitation_invalidates_older_links(app, client, invite):
    user_id, old_token = invite()
    with app.app_context():
        user = db.session.get(User, user_id)
        user.invited_at = user.invited_at.replace(year=user.invited_at.year - 1)
        db.session.commit()
        old_token = invitations.make_token(user, invitations.INVITE)
        invitations.renew_invitation(user)
        new_token = invitations.make_token(user, invitations.INVITE)
        db.session.commit()
    assert client.get(f"/auth/invitation/{old_token}").status_code == 404
    assert client.get(f"/auth/invitation/{new_token}").status_code == 200


def test_renewing_an_activated_account_is_refused(app_ctx, user_of):
    user = db.session.merge(user_of("mediator"))
    with pytest.raises(invitations.AlreadyActivated):
        invitations.renew_invitation(user)


def test_invitation_of_a_deactivated_account_does_not_work(app, client, invite):
    user_id, token = invite()
    with app.app_context():
        db.session.get(User, user_id).active = False
        db.session.commit()
    assert client.get(f"/auth/invitation/{token}").status_code == 404


def test_invite_user_refuses_a_taken_email_in_any_case(app_ctx, user_of):
    user_of("mediator", email="taken@example.org")
    with pytest.raises(invitations.EmailTaken):
        invitations.invite_user(
            db.session,
            name="Someone",
            email=" TAKEN@example.org ",
            role="mediator",
            municipality=None,
            languages=[],
        )


def test_invite_user_stores_a_clean_account(app_ctx):
    user = invitations.invite_user(
        db.session,
        name="  Amina   Hassan ",
        email=" Amina@Example.ORG",
        role="trainer",
        municipality=None,
        languages=["ar", "xx", "ar", "en"],
    )
    assert user.email == "amina@example.org"
    assert user.name == "Amina Hassan"
    assert user.language_codes == ["ar", "en"]
    assert not user.has_password
    assert user.invited_at is not None


def test_invite_user_refuses_an_unknown_role(app_ctx):
    with pytest.raises(ValueError):
        invitations.invite_user(
            db.session,
            name="X Y",
            email="x@example.org",
            role="root",
            municipality=None,
            languages=[],
        )
