"""Behind a reverse proxy: with TRUSTED_PROXIES = 1 the app takes the client's address and
scheme from the proxy's X-Forwarded-* headers (login limit, login sessions, audit log, HSTS);
with 0, the default, those headers are ignored, so a client cannot choose its address."""

import engineio
import pytest
from sqlalchemy import select

from config import get_config
from mediator_portal.accounts.models import LoginSession
from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.security import TrustedProxies
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.database  # audit and login-session rows, on both databases

PROXY = "10.0.0.5"  # the reverse proxy's own address, as the app's server sees it
CLIENT = "198.51.100.7"
OTHER_CLIENT = "198.51.100.8"
LIMIT = 10


@pytest.fixture
def behind_proxy(app, monkeypatch):
    """The app configured for one reverse proxy in front of it."""
    monkeypatch.setitem(app.config, "TRUSTED_PROXIES", 1)


def forwarded(client_address: str, proto: str = "http") -> dict:
    """What the proxy adds to a request of `client_address`, and the proxy's own address."""
    return {
        "headers": {
            "X-Forwarded-For": client_address,
            "X-Forwarded-Proto": proto,
            "X-Forwarded-Host": "portal.example.org",
        },
        "environ_base": {"REMOTE_ADDR": PROXY},
    }


def _wrong_password(client, number: int, client_address: str):
    data = {"email": f"guess{number}@example.org", "password": "wrong password!"}
    return client.post("/auth/login", data=data, **forwarded(client_address))


def _session_ips(app) -> list[str | None]:
    with app.app_context():
        return list(db.session.scalars(select(LoginSession.ip)))


def _audit_ips(app) -> list[str | None]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.ip)))


def test_no_proxy_is_trusted_by_default(app):
    assert app.config["TRUSTED_PROXIES"] == 0


@pytest.mark.parametrize(("value", "hops"), [("0", 0), ("1", 1), ("2", 2), (" 1 ", 1)])
def test_the_setting_comes_from_the_environment(value, hops):
    assert get_config("testing", {"TRUSTED_PROXIES": value})["TRUSTED_PROXIES"] == hops


@pytest.mark.parametrize("value", ["-1", "one", "1.5", ""])
def test_a_wrong_setting_refuses_to_start(value):
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES"):
        get_config("testing", {"TRUSTED_PROXIES": value})


def test_the_proxy_fix_wraps_socketio_too(app):
    """Outermost: the Socket.IO handshake sees the client's host and address as pages do."""
    assert isinstance(app.wsgi_app, TrustedProxies)
    assert isinstance(app.wsgi_app.inner, engineio.WSGIApp)


def test_hsts_when_the_proxy_says_https(client, behind_proxy):
    response = client.get("/auth/login", **forwarded(CLIENT, proto="https"))
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    plain = client.get("/auth/login", **forwarded(CLIENT, proto="http"))
    assert "Strict-Transport-Security" not in plain.headers


def test_no_hsts_from_a_forged_header_without_a_trusted_proxy(client):
    response = client.get("/auth/login", **forwarded(CLIENT, proto="https"))
    assert "Strict-Transport-Security" not in response.headers


def test_the_login_limit_counts_each_client_behind_the_proxy(client, new_client, behind_proxy):
    for number in range(LIMIT):
        assert _wrong_password(client, number, CLIENT).status_code == 422
    assert _wrong_password(client, LIMIT, CLIENT).status_code == 429
    # Another member behind the same proxy is not locked out.
    assert _wrong_password(new_client(), LIMIT + 1, OTHER_CLIENT).status_code == 422


def test_a_client_cannot_escape_the_limit_by_forging_its_address(client):
    """Without a trusted proxy, X-Forwarded-For is the client's word: it is not believed."""
    for number in range(LIMIT):
        assert _wrong_password(client, number, f"203.0.113.{number}").status_code == 422
    assert _wrong_password(client, LIMIT, "203.0.113.99").status_code == 429


def test_only_the_address_the_proxy_saw_counts(client, behind_proxy):
    """A client that sends its own X-Forwarded-For gets it kept in front of the real one:
    with one trusted proxy the app takes the last address, the one the proxy added."""
    for number in range(LIMIT):
        spoofed = f"203.0.113.{number}, {CLIENT}"
        assert _wrong_password(client, number, spoofed).status_code == 422
    assert _wrong_password(client, LIMIT, f"203.0.113.99, {CLIENT}").status_code == 429


def test_the_login_session_records_the_client_address(app, client, user_of, behind_proxy):
    user = user_of("mediator")
    data = {"email": user.email, "password": DEFAULT_PASSWORD}
    assert client.post("/auth/login", data=data, **forwarded(CLIENT)).status_code == 302
    assert _session_ips(app) == [CLIENT]


def test_without_a_trusted_proxy_the_session_records_the_peer(app, client, user_of):
    user = user_of("mediator")
    data = {"email": user.email, "password": DEFAULT_PASSWORD}
    assert client.post("/auth/login", data=data, **forwarded(CLIENT)).status_code == 302
    assert _session_ips(app) == [PROXY]


@pytest.mark.parametrize(("trusted", "recorded"), [(1, CLIENT), (0, PROXY)])
def test_the_audit_log_records_the_client_address(app, logged_in, monkeypatch, trusted, recorded):
    admin = logged_in("admin")
    monkeypatch.setitem(app.config, "TRUSTED_PROXIES", trusted)
    data = {"name": "Ήπειρος", "name_en": "Epirus"}
    response = admin.post("/admin/regions/new", data=data, **forwarded(CLIENT))
    assert response.status_code == 302
    assert _audit_ips(app) == [recorded]
