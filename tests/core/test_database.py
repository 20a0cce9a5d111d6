"""Database settings: SQLite in WAL mode with foreign keys and a busy timeout; UTC timestamps."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.dialects import sqlite

from mediator_portal.database import BUSY_TIMEOUT_MS, UTCDateTime, install_pragmas
from mediator_portal.extensions import db
from tests.factories import make_user

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def _pragmas(engine) -> tuple:
    with engine.connect() as connection:
        return tuple(
            connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        )


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    # A file of its own, whatever backend the suite uses.
    engine = create_engine(f"sqlite:///{tmp_path / 'settings.db'}")
    install_pragmas(engine)
    install_pragmas(engine)  # a second call (another app on the engine) is harmless
    assert _pragmas(engine) == ("wal", 1, BUSY_TIMEOUT_MS)
    engine.dispose()


def test_the_settings_belong_to_the_apps_engine_not_to_every_engine(app, tmp_path):
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        assert event.contains(engine, "connect", install_pragmas.__globals__["_sqlite_pragmas"])
    other = create_engine(f"sqlite:///{tmp_path / 'other.db'}")
    assert _pragmas(other)[:2] == ("delete", 0)  # SQLite's own defaults: nothing installed
    other.dispose()


def test_timestamps_are_stored_in_utc_and_read_back_aware(app_ctx):
    athens_evening = datetime(2026, 7, 1, 21, 15, tzinfo=timezone(timedelta(hours=3)))
    user = make_user(last_login_at=athens_evening)
    db.session.commit()
    user_id = user.id
    db.session.expunge_all()
    stored = db.session.get(type(user), user_id).last_login_at
    assert stored.tzinfo is not None
    assert stored == athens_evening
    assert stored.astimezone(UTC).hour == 18


def test_naive_timestamps_are_refused():
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), sqlite.dialect())
