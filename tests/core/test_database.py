"""Database settings: SQLite in WAL mode with foreign keys and a busy timeout; UTC timestamps."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.dialects import sqlite

from mediator_portal.database import BUSY_TIMEOUT_MS, UTCDateTime
from mediator_portal.extensions import db
from tests.factories import make_user


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    # Any SQLite engine gets the settings (a file of its own, whatever backend the suite uses).
    engine = create_engine(f"sqlite:///{tmp_path / 'settings.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
    engine.dispose()


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
