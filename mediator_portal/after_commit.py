"""Work that waits for the transaction: run after it commits, dropped if it rolls back.

`on_commit(callback)` queues a callable on the database session. It runs once the
outermost transaction has committed (when `db.session.commit()` returns), in order;
a rollback drops the queue, and a rolled-back savepoint drops only what was queued
inside it. Real-time events (`realtime.publish`) and signals between features
(`signals.send`) go through here, so nobody hears of data that was never stored.

A callback may use the session (a new transaction begins); one that fails is logged
and its transaction rolled back: the work it followed is committed and stays.
"""

import logging
from collections.abc import Callable

import flask_sqlalchemy.session
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, scoped_session

PENDING = "after_commit.pending"  # queued in the open transaction
READY = "after_commit.ready"  # its transaction committed: to run when commit() returns
MARKS = "after_commit.savepoints"

logger = logging.getLogger(__name__)


def _session(session) -> Session:
    if session is None:
        from mediator_portal.extensions import db

        session = db.session
    return session() if isinstance(session, scoped_session) else session


def on_commit(callback: Callable[[], object], *, session: Session | None = None) -> None:
    """Run `callback()` after the current transaction of `session` (default `db.session`)
    commits; never if it rolls back.

    The transaction is begun if need be, so that a rollback (even of a transaction that
    touched no table) is seen and drops the callback.
    """
    session = _session(session)
    if not session.in_transaction():
        session.begin()
    session.info.setdefault(PENDING, []).append(callback)


class PortalSession(flask_sqlalchemy.session.Session):
    """The app's session: `commit()` runs the callbacks its transaction queued."""

    def commit(self) -> None:
        super().commit()
        run_ready(self)


def run_ready(session: Session) -> None:
    """Run the callbacks of committed transactions, including those they queue themselves."""
    while callbacks := session.info.pop(READY, None):
        for callback in callbacks:
            try:
                callback()
            except Exception:
                logger.exception("after-commit callback %r failed", callback)
                session.rollback()


def _committed(session: Session) -> None:
    session.info.pop(MARKS, None)
    done = session.info.pop(PENDING, None)
    if done:
        session.info.setdefault(READY, []).extend(done)


def _savepoint_started(session: Session, transaction: SessionTransaction) -> None:
    # Remember how much was queued when a savepoint starts, to drop only its own callbacks.
    if transaction.nested:
        session.info.setdefault(MARKS, {})[transaction] = len(session.info.get(PENDING, []))


def _rolled_back(session: Session, transaction: SessionTransaction) -> None:
    marks = session.info.get(MARKS, {})
    if transaction.nested and transaction in marks:
        del session.info.get(PENDING, [])[marks.pop(transaction) :]
    elif transaction.parent is None:
        session.info.pop(PENDING, None)
        session.info.pop(MARKS, None)


LISTENERS = (
    ("after_commit", _committed),
    ("after_transaction_create", _savepoint_started),
    ("after_soft_rollback", _rolled_back),
)


def install(sessions: scoped_session) -> None:
    """Listen on the app's own session factory (`db.session`), once."""
    for name, listener in LISTENERS:
        if not event.contains(sessions, name, listener):
            event.listen(sessions, name, listener)
