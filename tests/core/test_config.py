"""Configuration: read from the environment when the app is built; production is safe by
default and refuses a missing or default secret.

Production is exercised through `get_config` (and `create_app`, which calls it before
binding any extension): a second full app cannot be built in-process.
"""

import pytest

import config
from mediator_portal import create_app

STRONG = "k" * 8 + "9f3c1e7a0b6d4f2e8a5c3b1d7e9f0a2c"
NOTES_KEY = "q7xKJ0m2bqRZ9cYj3u1n8Xw5Vt6s4p2o0LkHgFdSaEw="  # a Fernet key (32 bytes, base64)


@pytest.mark.parametrize(
    "secret",
    [None, "", config.DEFAULT_SECRET, "short-secret"],
    ids=["unset", "empty", "default", "short"],
)
def test_production_refuses_a_weak_secret(monkeypatch, secret):
    if secret is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config.get_config("production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_accepts_a_strong_secret_and_a_public_url(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", STRONG)
    monkeypatch.setenv("NOTES_KEYS", NOTES_KEY)
    monkeypatch.setenv("PUBLIC_URL", "https://portal.example.org")
    settings = config.get_config("production")
    assert settings["SECRET_KEY"] == STRONG


@pytest.mark.parametrize("public_url", [None, "", "portal.example.org"])
def test_production_refuses_to_start_without_a_public_url(monkeypatch, public_url):
    monkeypatch.setenv("SECRET_KEY", STRONG)
    if public_url is None:
        monkeypatch.delenv("PUBLIC_URL", raising=False)
    else:
        monkeypatch.setenv("PUBLIC_URL", public_url)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        config.get_config("production")


def test_production_cookies_are_secure():
    production = config.ProductionConfig
    assert production.SESSION_COOKIE_SECURE is True
    assert production.REMEMBER_COOKIE_SECURE is True
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.REMEMBER_COOKIE_HTTPONLY is True
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    assert production.REMEMBER_COOKIE_SAMESITE == "Lax"
    assert production.PREFERRED_URL_SCHEME == "https"


@pytest.mark.parametrize("name", ["development", "testing"])
def test_other_configs_do_not_demand_a_secret(monkeypatch, name):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert config.get_config(name)["SECRET_KEY"]


def test_unknown_config_name_fails_loudly():
    with pytest.raises(KeyError):
        config.get_config("staging")


def test_config_name_from_the_environment(monkeypatch):
    monkeypatch.setenv("MEDIATOR_PORTAL_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG)
    monkeypatch.setenv("NOTES_KEYS", NOTES_KEY)
    monkeypatch.setenv("PUBLIC_URL", "https://portal.example.org")
    assert config.get_config()["CONFIG_NAME"] == "production"
    monkeypatch.delenv("MEDIATOR_PORTAL_CONFIG")
    assert config.get_config()["CONFIG_NAME"] == "development"


def test_settings_are_read_when_asked_not_at_import():
    environ = {
        "DATABASE_URL": "postgres://u@db/one",
        "MAIL_PORT": "2525",
        "LOGIN_LIMIT": "3/minute",
    }
    settings = config.get_config("development", environ)
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/one"
    assert settings["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": True}
    assert settings["MAIL_PORT"] == 2525
    assert settings["LOGIN_LIMIT"] == "3/minute"
    assert settings["MAIL_BACKEND"] == "outbox"
    other = config.get_config("development", {"MAIL_BACKEND": "smtp"})
    assert other["MAIL_BACKEND"] == "smtp"
    assert other["SQLALCHEMY_ENGINE_OPTIONS"] == {"pool_pre_ping": False}


def test_the_job_queue_is_configured_from_the_environment():
    default = config.get_config("development", {})
    assert default["JOBS_REDIS_URL"] is None
    assert default["JOBS_SQLITE_PATH"] == str(config.INSTANCE / "jobs.db")
    assert default["JOBS_WORKERS"] == 2
    shared = config.get_config(
        "production",
        {
            "SECRET_KEY": STRONG,
            "PUBLIC_URL": "https://portal.example.org",
            "NOTES_KEYS": NOTES_KEY,
            "JOBS_REDIS_URL": "redis://queue.example.org:6379/2",
            "JOBS_NAME": "portal-a",
            "JOBS_WORKERS": "4",
        },
    )
    assert shared["JOBS_REDIS_URL"] == "redis://queue.example.org:6379/2"
    assert (shared["JOBS_NAME"], shared["JOBS_WORKERS"]) == ("portal-a", 4)
    testing = config.get_config("testing", {})
    assert not testing["JOBS_SQLITE_PATH"].startswith(str(config.INSTANCE))
    with pytest.raises(RuntimeError):
        config.get_config("development", {"JOBS_WORKERS": "many"})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@db/portal", "postgresql+psycopg://u:p@db/portal"),
        ("postgresql://u:p@db/portal", "postgresql+psycopg://u:p@db/portal"),
        ("postgresql+psycopg://u@db/p", "postgresql+psycopg://u@db/p"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_uses_psycopg3(url, expected):
    assert config.database_url({"DATABASE_URL": url}) == expected


def test_the_test_app_is_configured_for_tests(app):
    assert app.config["TESTING"] is True
    assert app.config["SECRET_KEY"] != config.DEFAULT_SECRET
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_ENABLED"] is not False
