"""`sent_messages` is pruned each night at 03:30 Athens: rows older than
SENT_MESSAGES_KEEP_DAYS go, the rest (and so exactly-once for anything recent) stay."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

import config
from mediator_portal import jobs
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.sent_once import SentMessage, send_once, was_sent
from mediator_portal.sent_pruning import nightly_prune, prune_sent_messages

pytestmark = pytest.mark.database

PERIODIC = "mediator_portal.sent_pruning.nightly_prune:periodic"


def _sent(key: str, days_ago: float) -> None:
    db.session.add(SentMessage(key=key, sent_at=utcnow() - timedelta(days=days_ago)))


def keys() -> list[str]:
    return sorted(db.session.scalars(select(SentMessage.key)))


def test_rows_older_than_the_setting_are_deleted(app_ctx):
    _sent("old", 91)
    _sent("older", 400)
    _sent("recent", 89)
    _sent("today", 0)
    db.session.commit()
    assert nightly_prune() == 2  # the default: 90 days
    assert keys() == ["recent", "today"]


def test_the_setting_is_followed_and_never_below_a_day(app_ctx, monkeypatch):
    from flask import current_app

    _sent("a week", 7)
    _sent("an hour", 1 / 24)
    db.session.commit()
    monkeypatch.setitem(current_app.config, "SENT_MESSAGES_KEEP_DAYS", 5)
    assert nightly_prune() == 1
    assert prune_sent_messages(0) == 0  # a day at least: a retry's key is never pruned
    assert keys() == ["an hour"]


def test_a_recent_send_stays_sent_after_pruning(app_ctx, mailbox):
    assert send_once(db.session, "invitation:1:now", lambda: None)
    prune_sent_messages(1)
    assert was_sent(db.session, "invitation:1:now")
    assert not send_once(db.session, "invitation:1:now", lambda: None)


@pytest.mark.parametrize(
    "utc",
    [datetime(2026, 1, 15, 1, 30, tzinfo=UTC), datetime(2026, 7, 15, 0, 30, tzinfo=UTC)],
    ids=["winter", "summer"],
)
def test_it_runs_at_half_past_three_in_athens(utc):
    def due(moment):
        return [task.name for task in jobs.queue.read_periodic(moment.replace(tzinfo=None))]

    assert PERIODIC in due(utc)
    assert PERIODIC not in due(utc + timedelta(hours=1))
    assert PERIODIC not in due(utc - timedelta(minutes=30))


def test_the_setting_is_read_from_the_environment():
    assert config.get_config("development", {})["SENT_MESSAGES_KEEP_DAYS"] == 90
    assert (
        config.get_config("development", {"SENT_MESSAGES_KEEP_DAYS": "30"})[
            "SENT_MESSAGES_KEEP_DAYS"
        ]
        == 30
    )
    with pytest.raises(RuntimeError):
        config.get_config("development", {"SENT_MESSAGES_KEEP_DAYS": "forever"})
