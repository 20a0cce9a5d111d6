"""Configuration: settings per environment, read from the environment when the app is built.

`get_config(name)` returns the settings of one of `CONFIGS` ("development", "testing",
"production"; default `MEDIATOR_PORTAL_CONFIG`, else "development") as a dict, reading the
environment then, never at import. Class attributes hold the constants; each class's
`from_environment(env)` what the environment may set. Secrets never live here: production
refuses to start without a real `SECRET_KEY`, `PUBLIC_URL` and `NOTES_KEYS`.
"""

import os
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"
DEFAULT_SECRET = "dev-only-not-secret"  # noqa: S105 - refused by ProductionConfig
# Clinical supervision's rules (environment may set each): hours of notice to book; future
# individual bookings held at most; hours before the start a cancellation turns late; hours a
# seat offered from the waitlist is held (at most half the time left before the start).
SUPERVISION_RULES = {
    "SUPERVISION_MIN_NOTICE_HOURS": 24,
    "SUPERVISION_MAX_FUTURE_INDIVIDUAL": 2,
    "SUPERVISION_CANCEL_DEADLINE_HOURS": 12,
    "SUPERVISION_CLAIM_HOURS": 2,
}


def env_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    """The yes/no setting `name` of `env` ("1", "true", "yes", "on" mean yes)."""
    value = env.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_count(env: Mapping[str, str], name: str, default: int) -> int:
    """The whole number >= 0 `name` of `env`; raises RuntimeError for anything else."""
    value = env.get(name, str(default)).strip()
    if not (value.isascii() and value.isdigit()):
        raise RuntimeError(f"{name} must be a whole number (0 or more), not {value!r}")
    return int(value)


def parse_keys(value: str) -> list[bytes]:
    """The Fernet keys of a comma-separated `value`, in order. Raises ValueError naming the
    position of one that is not a Fernet key (32 bytes, URL-safe base64)."""
    keys = [part.strip().encode("ascii", "replace") for part in value.split(",") if part.strip()]
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ValueError(
                f"NOTES_KEYS: key {number} is not a Fernet key (32 bytes, URL-safe base64; make "
                'one with python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())")'
            ) from None
    return keys


def database_url(env: Mapping[str, str]) -> str:
    """`DATABASE_URL` (SQLite in instance/ by default), with PostgreSQL through psycopg 3."""
    url = env.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'mediator_portal.db'}"
    # Heroku-style URLs name the old driver; use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def engine_options(url: str) -> dict:
    """SQLAlchemy engine options: a server's pooled connection may have dropped, a file not."""
    return {"pool_pre_ping": not url.startswith("sqlite")}


class Config:
    """Settings shared by every environment."""

    CONFIG_NAME = "base"

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
    PASSWORD_MIN_LENGTH = 10
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_HEADERS_ENABLED = True

    # Forms: the CSRF token lives as long as the session.
    WTF_CSRF_TIME_LIMIT = None

    PAGE_SIZE = 25

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> dict[str, Any]:
        """The settings `env` (the process environment) may set, with their defaults."""
        url = database_url(env)
        return {
            "SECRET_KEY": env.get("SECRET_KEY", DEFAULT_SECRET),
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
            "INVITATION_MAX_AGE": int(env.get("INVITATION_MAX_AGE", 7 * 24 * 3600)),
            "PASSWORD_RESET_MAX_AGE": int(env.get("PASSWORD_RESET_MAX_AGE", 2 * 3600)),
            # Failed sign-ins: per address, refused (429) above LOGIN_LIMIT; per account,
            # above LOGIN_ACCOUNT_LIMIT the right password gets an e-mailed one-time link
            # (valid LOGIN_LINK_MAX_AGE seconds) instead of a session, never a refusal.
            "LOGIN_LIMIT": env.get("LOGIN_LIMIT", "10 per minute"),
            "LOGIN_ACCOUNT_LIMIT": env.get("LOGIN_ACCOUNT_LIMIT", "10 per 15 minutes"),
            "LOGIN_LINK_MAX_AGE": int(env.get("LOGIN_LINK_MAX_AGE", 15 * 60)),
            "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
            # Reverse proxies in front of the app whose X-Forwarded-* headers are believed
            # (client address, scheme, host); 0: none, the headers are ignored.
            "TRUSTED_PROXIES": env_count(env, "TRUSTED_PROXIES", 0),
            # E-mail: "smtp" sends through MAIL_SERVER; "outbox" writes .eml files to
            # instance/outbox.
            "MAIL_BACKEND": env.get("MAIL_BACKEND", "smtp"),
            "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
            "MAIL_PORT": int(env.get("MAIL_PORT", 25)),
            "MAIL_USE_TLS": env_bool(env, "MAIL_USE_TLS", False),
            "MAIL_USE_SSL": env_bool(env, "MAIL_USE_SSL", False),
            "MAIL_USERNAME": env.get("MAIL_USERNAME"),
            "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
            "MAIL_DEFAULT_SENDER": env.get(
                "MAIL_DEFAULT_SENDER", "Mediator Portal <no-reply@example.org>"
            ),
            "MAIL_OUTBOX": env.get("MAIL_OUTBOX", str(INSTANCE / "outbox")),
            # Links in e-mails are built on this (scheme and host), never on the Host header.
            "PUBLIC_URL": env.get("PUBLIC_URL", ""),
            # Real time: several processes share a Redis queue when this is set.
            "SOCKETIO_MESSAGE_QUEUE": env.get("SOCKETIO_MESSAGE_QUEUE") or None,
            # The queue's channel and the limiter's key prefix: one Redis can serve several
            # deployments (or test runs) when each has its own.
            "SOCKETIO_CHANNEL": env.get("SOCKETIO_CHANNEL", "flask-socketio"),
            "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX", ""),
            # Files.
            "UPLOAD_FOLDER": env.get("UPLOAD_FOLDER", str(ROOT / "uploads")),
            # Request bodies: ordinary forms and JSON are refused (413) above MAX_FORM_BYTES;
            # only views marked `security.accepts_uploads` take up to MAX_CONTENT_LENGTH.
            "MAX_FORM_BYTES": int(env.get("MAX_FORM_BYTES", 1024 * 1024)),
            "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", 201 * 1024 * 1024)),
            # The upload gate (mediator_portal/storage.py): the largest file kept, video
            # apart; an office file's zip (members, unpacked bytes, compression ratio of a
            # member); an image's pixels (checked before it is decoded).
            "UPLOAD_MAX_BYTES": env_count(env, "UPLOAD_MAX_BYTES", 50 * 1024 * 1024),
            "UPLOAD_MAX_VIDEO_BYTES": env_count(env, "UPLOAD_MAX_VIDEO_BYTES", 200 * 1024 * 1024),
            "UPLOAD_ZIP_MAX_MEMBERS": env_count(env, "UPLOAD_ZIP_MAX_MEMBERS", 2000),
            "UPLOAD_ZIP_MAX_UNPACKED_BYTES": env_count(
                env, "UPLOAD_ZIP_MAX_UNPACKED_BYTES", 200 * 1024 * 1024
            ),
            "UPLOAD_ZIP_MAX_RATIO": env_count(env, "UPLOAD_ZIP_MAX_RATIO", 100),
            "UPLOAD_MAX_IMAGE_PIXELS": env_count(env, "UPLOAD_MAX_IMAGE_PIXELS", 50_000_000),
            # Files (images, PDFs) one board post may carry.
            "FORUM_ATTACHMENTS_MAX": env_count(env, "FORUM_ATTACHMENTS_MAX", 5),
            # Background jobs (mediator_portal/jobs.py): a SQLite file by default, Redis when
            # JOBS_REDIS_URL is set (several machines share the work); JOBS_NAME separates
            # deployments (or test runs) sharing one Redis.
            "JOBS_REDIS_URL": env.get("JOBS_REDIS_URL") or None,
            "JOBS_SQLITE_PATH": env.get("JOBS_SQLITE_PATH", str(INSTANCE / "jobs.db")),
            "JOBS_NAME": env.get("JOBS_NAME", "mediator-portal"),
            "JOBS_WORKERS": env_count(env, "JOBS_WORKERS", 2),
            # Days a row of `sent_messages` (what was sent, for exactly-once) is kept; the
            # nightly prune deletes older ones. Far longer than any retry waits (minutes).
            "SENT_MESSAGES_KEEP_DAYS": max(env_count(env, "SENT_MESSAGES_KEEP_DAYS", 90), 1),
            # Seconds an immediate notification e-mail waits in the queue, so that someone
            # on the site can see it first and not be e-mailed (Discourse's rule).
            "NOTIFICATION_EMAIL_DELAY": env_count(env, "NOTIFICATION_EMAIL_DELAY", 30),
            # Rendered posts kept per process for reuse (0: keep none).
            "POST_CACHE_BYTES": int(env.get("POST_CACHE_BYTES", 32 * 1024 * 1024)),
            # Text encrypted at rest (mediator_portal/crypto.py): comma-separated Fernet keys,
            # the first encrypts, all decrypt. Unset outside production: a key generated
            # once into NOTES_KEY_FILE (mode 0600).
            "NOTES_KEYS": env.get("NOTES_KEYS", ""),
            "NOTES_KEY_FILE": env.get("NOTES_KEY_FILE", str(INSTANCE / "notes.key")),
            # Calendar feeds (/calendar/<token>.ics): fetches per feed, and misses (an
            # unknown token) per client address.
            "CALENDAR_FEED_LIMIT": env.get("CALENDAR_FEED_LIMIT", "30 per hour"),
            "CALENDAR_FEED_MISS_LIMIT": env.get("CALENDAR_FEED_MISS_LIMIT", "20 per minute"),
            **{name: env_count(env, name, value) for name, value in SUPERVISION_RULES.items()},
        }

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        """Raise RuntimeError when `settings` are unsafe for this environment."""
        try:
            parse_keys(str(settings.get("NOTES_KEYS") or ""))
        except ValueError as error:
            raise RuntimeError(str(error)) from None


class DevelopmentConfig(Config):
    """Local development: mail goes to instance/outbox unless MAIL_BACKEND says otherwise."""

    CONFIG_NAME = "development"

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> dict[str, Any]:
        return {**super().from_environment(env), "MAIL_BACKEND": env.get("MAIL_BACKEND", "outbox")}


class TestingConfig(Config):
    """The test suite: fast password hashing, CSRF on, a database chosen by the tests."""

    CONFIG_NAME = "testing"
    TESTING = True
    ARGON2_FAST = True
    MAIL_SUPPRESS_SEND = False  # tests read what a real local SMTP server received
    SERVER_NAME = None

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> dict[str, Any]:
        url = env.get("TEST_DATABASE_URL", "sqlite://")
        return {
            **super().from_environment(env),
            "SECRET_KEY": "testing-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
            "MAIL_BACKEND": "smtp",
            "NOTIFICATION_EMAIL_DELAY": env_count(env, "NOTIFICATION_EMAIL_DELAY", 0),
            # Never instance/jobs.db; the tests give every test a queue of its own
            # (tests/jobs_support.py) and the worker processes they start the same one.
            "JOBS_SQLITE_PATH": env.get(
                "JOBS_SQLITE_PATH",
                str(Path(tempfile.gettempdir()) / f"mediator-portal-test-jobs-{os.getpid()}.db"),
            ),
            # The tests' own key, never instance/notes.key of development.
            "NOTES_KEY_FILE": env.get("NOTES_KEY_FILE", str(INSTANCE / "notes-testing.key")),
            # Never uploads/ of the checkout: the orphan sweep of a test worker would
            # delete the files there that the test database does not know.
            "UPLOAD_FOLDER": env.get(
                "UPLOAD_FOLDER",
                str(Path(tempfile.gettempdir()) / f"mediator-portal-test-uploads-{os.getpid()}"),
            ),
        }


class ProductionConfig(Config):
    """Production: secure cookies, no default secret, links on PUBLIC_URL."""

    CONFIG_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        secret = settings.get("SECRET_KEY") or ""
        if secret == DEFAULT_SECRET or len(secret) < 32:
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        if not str(settings.get("PUBLIC_URL") or "").startswith(("https://", "http://")):
            raise RuntimeError(
                "PUBLIC_URL must be set in production (e.g. https://portal.example.org): "
                "links in e-mails are built on it"
            )
        super().check(settings)
        if not parse_keys(str(settings.get("NOTES_KEYS") or "")):
            raise RuntimeError(
                "NOTES_KEYS must be set in production: one or more Fernet keys, comma-separated, "
                "the first encrypting (supervision notes are encrypted at rest)"
            )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def get_config(name: str | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """The checked settings of config `name` (or MEDIATOR_PORTAL_CONFIG), read from `environ`
    (default: the process environment) now.

    Raises KeyError for an unknown name, RuntimeError when the settings are unsafe.
    """
    env = os.environ if environ is None else environ
    config = CONFIGS[name or env.get("MEDIATOR_PORTAL_CONFIG", "development")]
    settings = {key: getattr(config, key) for key in dir(config) if key.isupper()}
    settings.update(config.from_environment(env))
    config.check(settings)
    return settings
