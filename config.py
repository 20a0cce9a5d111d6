"""Configuration classes, read from the environment.

`create_app(name)` picks one of `CONFIGS` by name (or `MEDIATOR_PORTAL_CONFIG`,
default "development"). Secrets never live here: production refuses to start
without a real `SECRET_KEY`.
"""

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"
DEFAULT_SECRET = "dev-only-not-secret"  # noqa: S105 - refused by ProductionConfig


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'mediator_portal.db'}")
    # Heroku-style URLs name the old driver; use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _engine_options(url: str) -> dict:
    # A server connection can drop while it waits in the pool; a local SQLite file cannot.
    return {"pool_pre_ping": not url.startswith("sqlite")}


class Config:
    """Settings shared by every environment."""

    CONFIG_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET)
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = _engine_options(SQLALCHEMY_DATABASE_URI)

    # Sessions and cookies.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)

    # Languages and time.
    LANGUAGES = ("el", "en")
    BABEL_DEFAULT_LOCALE = "el"
    BABEL_DEFAULT_TIMEZONE = "Europe/Athens"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "mediator_portal" / "translations")

    # Accounts.
    INVITATION_MAX_AGE = int(os.environ.get("INVITATION_MAX_AGE", 7 * 24 * 3600))
    PASSWORD_RESET_MAX_AGE = int(os.environ.get("PASSWORD_RESET_MAX_AGE", 2 * 3600))
    PASSWORD_MIN_LENGTH = 10
    LOGIN_LIMIT = os.environ.get("LOGIN_LIMIT", "10 per minute")
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True

    # E-mail: "smtp" sends through MAIL_SERVER; "outbox" writes .eml files to instance/outbox.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Mediator Portal <no-reply@example.org>"
    )
    MAIL_OUTBOX = os.environ.get("MAIL_OUTBOX", str(INSTANCE / "outbox"))

    # Links in e-mails are built on this (scheme and host), never on the request's Host header.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "")

    # Real time: several processes share a Redis queue when this is set.
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None

    # Files.
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(ROOT / "uploads"))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 50 * 1024 * 1024))

    # Forms.
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    PAGE_SIZE = 25

    # Rendered pages kept per process until a table they show changes (0: keep none).
    PAGE_CACHE_BYTES = int(os.environ.get("PAGE_CACHE_BYTES", 64 * 1024 * 1024))

    @classmethod
    def check(cls) -> None:
        """Raise RuntimeError when the settings are unsafe for this environment."""


class DevelopmentConfig(Config):
    """Local development: mail goes to instance/outbox unless MAIL_BACKEND says otherwise."""

    CONFIG_NAME = "development"
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "outbox")


class TestingConfig(Config):
    """The test suite: fast password hashing, CSRF on, a database chosen by the tests."""

    CONFIG_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret"  # noqa: S105 - tests only
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SQLALCHEMY_ENGINE_OPTIONS = _engine_options(SQLALCHEMY_DATABASE_URI)
    ARGON2_FAST = True
    MAIL_BACKEND = "smtp"
    MAIL_SUPPRESS_SEND = False  # tests read what a real local SMTP server received
    SERVER_NAME = None


class ProductionConfig(Config):
    """Production: secure cookies, no default secret."""

    CONFIG_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls) -> None:
        secret = os.environ.get("SECRET_KEY", "")
        if not secret or secret == DEFAULT_SECRET or len(secret) < 32:
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        if not os.environ.get("PUBLIC_URL", "").startswith(("https://", "http://")):
            raise RuntimeError(
                "PUBLIC_URL must be set in production (e.g. https://portal.example.org): "
                "links in e-mails are built on it"
            )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def get_config(name: str | None = None) -> type[Config]:
    """Return the config class for `name` (or MEDIATOR_PORTAL_CONFIG); KeyError if unknown."""
    return CONFIGS[name or os.environ.get("MEDIATOR_PORTAL_CONFIG", "development")]
