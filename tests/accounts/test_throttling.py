"""Login throttling. Per address: 10 failed attempts a minute, then 429. Per account: after
10 failures in 15 minutes the right password no longer signs in by itself but gets a
one-time link by e-mail, with the same page as a wrong password; nobody is locked out."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from flask_babel import force_locale
from limits.storage import storage_from_string
from limits.strategies import STRATEGIES
from markupsafe import escape
from sqlalchemy import select

from mediator_portal.accounts import services
from mediator_portal.accounts.models import LoginSession, User
from mediator_portal.accounts.views.auth import protection_notice
from mediator_portal.extensions import db, limiter
from tests.factories import DEFAULT_PASSWORD
from tests.smtp import body_of
from tests.support import skip_or_fail

LIMIT = 10
WRONG_PASSWORD = "wrong password!"  # noqa: S105
OWNER_IP = "192.0.2.200"
LINK = re.compile(r"https?://\S+(/auth/sign-in/\S+)")
CSRF = re.compile(r'(name="csrf-token" content="|name="csrf_token" value=")[^"]+')
PROTECTED = "If the password was right, we have e-mailed a link to finish signing in"


def _attempt(browser, email: str, password: str = WRONG_PASSWORD, ip: str = "192.0.2.1", **kw):
    return browser.post(
        "/auth/login",
        data={"email": email, "password": password, **kw.pop("data", {})},
        environ_base={"REMOTE_ADDR": ip},
        **kw,
    )


def _stranger_fails(new_client, email: str, times: int = LIMIT, *, one_address: bool = False):
    """`times` wrong passwords for `email`, from one address or from as many addresses."""
    browser = new_client()
    for number in range(times):
        ip = "203.0.113.1" if one_address else f"198.51.{number // 200}.{number % 200 + 1}"
        _attempt(browser if one_address else new_client(), email, ip=ip)


def _owner_signs_in(browser, user, **data):
    """The owner's right password, from the owner's own address; the response is closed
    (the link is e-mailed once the response has been sent)."""
    response = _attempt(browser, user.email, DEFAULT_PASSWORD, ip=OWNER_IP, data=data)
    response.close()
    if not WORKER.consumer.stop_flag.is_set():  # stopped by the tests of the queue itself
        WORKER.drain()  # the worker has sent the link
    return response


@pytest.fixture(autouse=True)
def _worked(worker):
    """The sign-in links leave through the job worker (`_link_path` waits for it)."""
    global WORKER
    WORKER = worker
    yield
    WORKER = None


WORKER = None


def _link_path(mailbox, address: str) -> str:
    WORKER.drain()
    messages = [m for m in mailbox if address in m["X-Envelope-To"]]
    assert messages, "no sign-in link was e-mailed"
    match = LINK.search(body_of(messages[-1]))
    assert match, body_of(messages[-1])
    return match.group(1)


def _signed_in(browser) -> bool:
    return browser.get("/").status_code == 200


def _protected_message(app, lang: str) -> str:
    """The notice of an account under protection, as the app words it in `lang`."""
    with app.test_request_context(), force_locale(lang):
        return str(escape(protection_notice(15)))


def _blank_csrf(page: str) -> str:
    return CSRF.sub(r"\1", page)


def test_default_limits(app):
    assert app.config["LOGIN_LIMIT"] == "10 per minute"
    assert app.config["LOGIN_ACCOUNT_LIMIT"] == "10 per 15 minutes"
    assert app.config["LOGIN_LINK_MAX_AGE"] == 15 * 60


# -- per address: unchanged ---------------------------------------------------------------


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


# -- per account: a second proof, never a lock-out ----------------------------------------


@pytest.mark.parametrize("one_address", [False, True], ids=["50 addresses", "one address"])
def test_a_stranger_cannot_lock_the_owner_out(new_client, user_of, mailbox, one_address):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email, 50, one_address=one_address)
    owner = new_client()
    owner.get("/auth/login?lang=en")
    response = _owner_signs_in(owner, user)
    assert response.status_code == 200
    assert PROTECTED in response.text
    assert not _signed_in(owner)  # the password alone did not sign in
    path = _link_path(mailbox, user.email)
    assert owner.get(path).status_code == 200
    assert owner.post(path).headers["Location"] == "/"
    assert _signed_in(owner)


def test_protection_starts_at_the_limit_and_counts_across_addresses(new_client, user_of):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email, LIMIT - 1)
    assert _owner_signs_in(new_client(), user).status_code == 302  # one short: signs in
    services_user = user_of("mediator")
    _stranger_fails(new_client, services_user.email, LIMIT)
    assert _owner_signs_in(new_client(), services_user).status_code == 200


def test_another_account_is_not_affected(new_client, user_of):
    user, other = user_of("mediator"), user_of("mediator")
    _stranger_fails(new_client, user.email)
    assert _attempt(new_client(), other.email, ip=OWNER_IP).status_code == 422
    assert _owner_signs_in(new_client(), other).status_code == 302


@pytest.mark.parametrize("lang", ["en", "el"])
def test_right_and_wrong_passwords_get_the_same_page(app, new_client, user_of, mailbox, lang):
    """Once under protection, nothing in the answer tells whether the password was right,
    nor whether an account has the address (unknown addresses are counted the same way)."""
    user = user_of("mediator")
    unknown = "nobody@example.org"
    _stranger_fails(new_client, user.email)
    _stranger_fails(new_client, unknown)
    pages = []
    for email, password in [
        (user.email, DEFAULT_PASSWORD),
        (user.email, WRONG_PASSWORD),
        (unknown, DEFAULT_PASSWORD),
    ]:
        browser = new_client()
        browser.get(f"/auth/login?lang={lang}")
        response = _attempt(browser, email, password, ip=OWNER_IP)
        response.close()
        pages.append((response.status_code, _blank_csrf(response.text.replace(email, "@"))))
    WORKER.drain()
    assert pages[0] == pages[1] == pages[2]
    assert pages[0][0] == 200
    assert _protected_message(app, lang) in pages[0][1]
    assert (PROTECTED in pages[0][1]) is (lang == "en")
    assert [m["X-Envelope-To"] for m in mailbox] == [user.email]  # only the right password


def test_wrong_passwords_keep_counting_towards_the_address_limit(client, new_client, user_of):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    for _ in range(LIMIT):
        assert _attempt(client, user.email, ip=OWNER_IP).status_code == 200
    assert _attempt(client, user.email, ip=OWNER_IP).status_code == 429


def test_the_link_works_once_with_the_rules_of_a_sign_in(app, new_client, user_of, mailbox):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    owner = new_client()
    _owner_signs_in(owner, user)
    path = _link_path(mailbox, user.email)
    page = owner.get(path + "?lang=en")
    assert page.status_code == 200
    assert user.email in page.text
    assert 'name="csrf_token"' in page.text
    assert not _signed_in(owner)  # opening the link alone signs nobody in
    done = owner.post(path, environ_base={"REMOTE_ADDR": OWNER_IP})
    assert done.status_code == 302
    assert _signed_in(owner)
    with app.app_context():
        sessions = db.session.scalars(select(LoginSession).filter_by(user_id=user.id)).all()
        assert [s.ip for s in sessions] == [OWNER_IP]
    # Used: a clear page, for the same browser and for anyone else.
    for browser in (owner, new_client()):
        again = browser.get(path + "?lang=en")
        assert again.status_code == 404
        assert "This link cannot be used" in again.text
        assert "Sign in again with your password" in again.text
    assert new_client().post(path).status_code == 404
    # The failures are forgotten: the password signs in directly again.
    owner.logout()
    assert _owner_signs_in(owner, user).status_code == 302


def test_no_csrf_token_no_sign_in(new_client, user_of, mailbox):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    owner = new_client()
    _owner_signs_in(owner, user)
    path = _link_path(mailbox, user.email)
    assert owner.post(path, csrf=False).status_code == 400
    assert not _signed_in(owner)


@pytest.mark.parametrize(
    "tamper",
    [
        # A character inside the signature: the last one may carry unused bits, so
        # changing it can leave the decoded signature the same.
        lambda token: token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:],
        lambda token: token[:20],
        lambda token: "not-a-token",
    ],
    ids=["altered", "cut short", "made up"],
)
def test_a_tampered_link_gets_a_clear_page(new_client, user_of, mailbox, tamper):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    owner = new_client()
    _owner_signs_in(owner, user)
    token = _link_path(mailbox, user.email).rsplit("/", 1)[1]
    for method in (owner.get, owner.post):
        response = method(f"/auth/sign-in/{tamper(token)}?lang=en")
        assert response.status_code == 404
        assert "This link cannot be used" in response.text
    assert not _signed_in(owner)


def test_an_expired_link_gets_a_clear_page(app, new_client, user_of, mailbox, monkeypatch):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    owner = new_client()
    _owner_signs_in(owner, user)
    monkeypatch.setitem(app.config, "LOGIN_LINK_MAX_AGE", -1)
    response = owner.get(_link_path(mailbox, user.email) + "?lang=en")
    assert response.status_code == 410
    assert "The sign-in link has expired" in response.text


def test_a_later_sign_in_or_a_new_password_voids_the_link(app, new_client, user_of, mailbox):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    _owner_signs_in(new_client(), user)
    first = _link_path(mailbox, user.email)
    with app.app_context():  # the window has passed: the password signs in directly again
        services.clear_failed_sign_ins(user.email)
    assert _owner_signs_in(new_client(), user).status_code == 302
    assert new_client().post(first).status_code == 404

    _stranger_fails(new_client, user.email)
    _owner_signs_in(new_client(), user)
    second = _link_path(mailbox, user.email)
    assert second != first
    with app.app_context():
        services.set_password(db.session.get(User, user.id), "a brand new passphrase 42")
        db.session.commit()
    assert new_client().get(second).status_code == 404


def test_a_deactivated_account_cannot_use_its_link(app, new_client, user_of, mailbox):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    _owner_signs_in(new_client(), user)
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert new_client().post(_link_path(mailbox, user.email)).status_code == 404


@pytest.mark.parametrize("remember", [True, False])
def test_the_link_keeps_the_keep_me_signed_in_choice(new_client, user_of, mailbox, remember):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email)
    owner = new_client()
    _owner_signs_in(owner, user, **({"remember": "y"} if remember else {}))
    response = owner.post(_link_path(mailbox, user.email))
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token=")]
    assert bool(cookies) is remember


def test_a_sign_in_forgets_the_failures_before_it(new_client, user_of):
    user = user_of("mediator")
    _stranger_fails(new_client, user.email, LIMIT - 1)
    owner = new_client()
    assert _owner_signs_in(owner, user).status_code == 302
    _stranger_fails(new_client, user.email, LIMIT - 1)
    owner.logout()
    assert _owner_signs_in(owner, user).status_code == 302  # 18 failures, but 9 since


# -- across processes, through Redis --------------------------------------------------------

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ROOT = Path(__file__).resolve().parents[2]

# Another server process: its own app, its limiter storage in Redis; a stranger's failures.
STRANGER_PROCESS = """
import json, sys
from mediator_portal import create_app
from tests.clients import PortalClient

database_url, redis_url, prefix, email = sys.argv[1:5]
app = create_app("testing", overrides={
    "SQLALCHEMY_DATABASE_URI": database_url,
    "RATELIMIT_STORAGE_URI": redis_url,
    "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": prefix},
})
app.test_client_class = PortalClient
statuses = []
for number in range(10):
    response = app.test_client().post(
        "/auth/login",
        data={"email": email, "password": "wrong password!"},
        environ_base={"REMOTE_ADDR": f"198.51.100.{number + 1}"},
    )
    statuses.append(response.status_code)
print(json.dumps(statuses))
"""


@pytest.fixture
def redis_limits(app, monkeypatch):
    """This process's limiter storage in Redis, as `RATELIMIT_STORAGE_URI=redis://…` makes
    it, under a key prefix of this test only (removed afterwards)."""
    prefix = f"mediator-portal-test-{secrets.token_hex(4)}"
    storage = storage_from_string(REDIS_URL, key_prefix=prefix)
    if not storage.check():
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    monkeypatch.setattr(limiter, "_storage", storage)
    monkeypatch.setattr(limiter, "_limiter", STRATEGIES[app.config["RATELIMIT_STRATEGY"]](storage))
    yield prefix
    storage.reset()


def test_failures_in_one_process_protect_the_account_in_another(
    app, new_client, user_of, mailbox, redis_limits
):
    user = user_of("mediator")
    stranger = subprocess.run(
        [
            sys.executable,
            "-c",
            STRANGER_PROCESS,
            app.config["SQLALCHEMY_DATABASE_URI"],
            REDIS_URL,
            redis_limits,
            user.email,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(stranger.stdout.strip().splitlines()[-1]) == [422] * LIMIT
    response = _owner_signs_in(new_client(), user)
    assert response.status_code == 200
    assert _protected_message(app, "el") in response.text
    assert _link_path(mailbox, user.email)
