"""Signals between features go out after the transaction commits, never after a rollback,
and a receiver that fails does not undo the work that sent the signal."""

import pytest
from sqlalchemy import select

from mediator_portal import signals
from mediator_portal.after_commit import on_commit
from mediator_portal.extensions import db
from tests.factories import make_user

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


@pytest.fixture
def heard():
    """What a receiver connected to `role_changed` heard, as (kwargs) dicts."""
    received = []

    def receiver(_sender, **payload):
        received.append(payload)

    signals.role_changed.connect(receiver)
    yield received
    signals.role_changed.disconnect(receiver)


def test_a_signal_is_sent_when_the_transaction_commits(app_ctx, heard):
    make_user("mediator")
    signals.send(signals.role_changed, user_id=1, old_role="mediator", new_role="trainer")
    db.session.flush()
    assert heard == []
    db.session.commit()
    assert heard == [{"user_id": 1, "old_role": "mediator", "new_role": "trainer"}]
    db.session.commit()
    assert len(heard) == 1  # sent once


def test_a_rolled_back_transaction_sends_nothing(app_ctx, heard):
    signals.send(signals.role_changed, user_id=1, old_role="a", new_role="b")
    db.session.rollback()
    db.session.commit()
    assert heard == []


def test_a_rolled_back_savepoint_drops_only_its_own_signals(app_ctx, heard):
    signals.send(signals.role_changed, user_id=1, old_role="a", new_role="b")
    savepoint = db.session.begin_nested()
    signals.send(signals.role_changed, user_id=2, old_role="a", new_role="b")
    savepoint.rollback()
    db.session.commit()
    assert [payload["user_id"] for payload in heard] == [1]


def test_a_receiver_may_write_and_commit_its_own_work(app_ctx):
    def receiver(_sender, user_id, **_payload):
        make_user("trainer", name=f"Receiver of {user_id}")
        db.session.commit()

    signals.role_changed.connect(receiver)
    try:
        make_user("mediator", name="Sender")
        signals.send(signals.role_changed, user_id=7, old_role="a", new_role="b")
        db.session.commit()
    finally:
        signals.role_changed.disconnect(receiver)
    from mediator_portal.accounts.services import User

    names = set(db.session.scalars(select(User.name)))
    assert names == {"Sender", "Receiver of 7"}


@pytest.mark.logs_errors
def test_a_failing_receiver_is_logged_and_the_sent_work_stays(app_ctx, caplog):
    def receiver(_sender, **_payload):
        make_user("trainer", name="Half done")
        raise RuntimeError("receiver broke")

    signals.role_changed.connect(receiver)
    try:
        make_user("mediator", name="Sender")
        signals.send(signals.role_changed, user_id=7, old_role="a", new_role="b")
        db.session.commit()
    finally:
        signals.role_changed.disconnect(receiver)
    from mediator_portal.accounts.services import User

    assert set(db.session.scalars(select(User.name))) == {"Sender"}
    assert "receiver broke" in caplog.text


def test_callbacks_run_in_the_order_they_were_queued(app_ctx):
    order = []
    for number in range(3):
        on_commit(lambda number=number: order.append(number))
    db.session.commit()
    assert order == [0, 1, 2]


def test_a_role_change_reaches_the_board_through_its_signal(app, logged_in, monkeypatch):
    """Admin does not import the board: the board's receiver resets its rooms on the signal."""
    from mediator_portal.forums.services import rooms

    calls = []
    monkeypatch.setattr(rooms, "reset_restricted_rooms", lambda session: calls.append(session))
    admin = logged_in("admin")
    other = logged_in("mediator")
    response = admin.post(f"/admin/users/{other.user.id}/role", data={"role": "trainer"})
    assert response.status_code == 302
    assert len(calls) == 1
