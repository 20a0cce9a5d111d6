"""Real time: the one way features talk to Socket.IO.

* `publish(event, data, to=room)` queues an emit on the database session; it is
  sent only after that session commits (and dropped on rollback; a rolled-back
  savepoint drops only what was queued inside it), so clients never see data
  that was not stored.
* `on(event, access)` registers a Socket.IO handler with the access rule it
  needs; the rule is checked on every event (deny by default), and the
  connection itself is refused to anonymous people.
* `close_rooms(rooms)` disconnects, after commit, every connection in those rooms
  (used when a login session is revoked).
* `reset_rooms(rooms)` empties those rooms after commit, in every process, once their
  connections have been told to join again (`rejoin`): used when who may read what a room
  is about changes, since joining checks the rule anew.

Rooms: `user:<id>` for each person, `login:<key>` for each login session.
"""

import functools
from collections.abc import Callable

from flask import current_app
from flask_login import current_user
from flask_socketio import disconnect, join_room
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, scoped_session

from mediator_portal.extensions import db, socketio
from mediator_portal.permissions import Access

PENDING = "realtime.pending"
MARKS = "realtime.savepoints"
NAMESPACE = "/"

# (namespace, event) -> Access, for every handler registered through `on`.
EVENT_ACCESS: dict[tuple[str, str], Access] = {}


def user_room(user_id: int) -> str:
    """The room every connection of one person joins."""
    return f"user:{user_id}"


def login_room(token_hash: str) -> str:
    """The room of the connections opened by one login session (by its stored token hash)."""
    return f"login:{token_hash[:24]}"


def _pending(session: Session | scoped_session | None) -> list:
    """The queue of the session's transaction, which is begun if need be so that a rollback
    (even one that touches no table) is seen and drops what was queued."""
    session = session if session is not None else db.session
    if isinstance(session, scoped_session):
        session = session()
    if not session.in_transaction():
        session.begin()
    return session.info.setdefault(PENDING, [])


def publish(event_name: str, data: dict, *, to: str, session: Session | None = None) -> None:
    """Emit `event_name` with `data` to room `to` once the current transaction commits."""
    _pending(session).append(("emit", event_name, data, to))


def close_rooms(rooms: list[str], *, session: Session | None = None) -> None:
    """After commit, tell the connections in `rooms` to end and disconnect those in this process."""
    _pending(session).extend(("close", None, None, room) for room in rooms)


def reset_rooms(rooms: list[str], *, session: Session | None = None) -> None:
    """After commit, tell the connections in `rooms` to join again, then take them all out.

    The server, not the client, empties the rooms (in every process, through the message
    queue when there is one); those still allowed are back in as soon as their join is
    checked, the others receive nothing more.
    """
    _pending(session).extend(("reset", None, None, room) for room in rooms)


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    session.info.pop(MARKS, None)
    for kind, event_name, data, room in session.info.pop(PENDING, []):
        if kind == "emit":
            socketio.emit(event_name, data, to=room, namespace=NAMESPACE)
        elif kind == "reset":
            # In this order: a join answering the notice finds the room already emptied.
            socketio.emit("rejoin", {}, to=room, namespace=NAMESPACE)
            socketio.close_room(room, namespace=NAMESPACE)
        else:
            _close_room(room)


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    # Remember how much was queued when a savepoint starts, to drop only its own events.
    if transaction.nested:
        session.info.setdefault(MARKS, {})[transaction] = len(session.info.get(PENDING, []))


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, transaction: SessionTransaction) -> None:
    marks = session.info.get(MARKS, {})
    if transaction.nested and transaction in marks:
        del session.info.get(PENDING, [])[marks.pop(transaction) :]
    elif transaction.parent is None:
        session.info.pop(PENDING, None)
        session.info.pop(MARKS, None)


def _close_room(room: str) -> None:
    # The event reaches every process through the message queue; the client then closes.
    socketio.emit("session_ended", {}, to=room, namespace=NAMESPACE)
    server = socketio.server
    if server is None:
        return
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, room)):
        server.disconnect(sid, namespace=NAMESPACE)


def join(room: str) -> bool:
    """Put the current connection in `room`; False when it closed meanwhile.

    A connection can be closed (its login session ended) while one of its events is
    being handled; python-socketio then refuses the join with a ValueError.
    """
    try:
        join_room(room)
    except ValueError:
        return False
    return True


def on(event_name: str, access: Access, *, namespace: str = NAMESPACE) -> Callable:
    """Register a Socket.IO handler for `event_name` that only `access` may use.

    A refused `connect` returns False (Socket.IO rejects the connection); a refused
    event disconnects an anonymous client and acknowledges others with an error. A handler
    that fails is logged, its transaction rolled back, and the client gets an error ack
    instead of a dead server thread.
    """

    def decorator(handler: Callable) -> Callable:
        @functools.wraps(handler)
        def guarded(*args):
            if not access.allows(current_user):
                if event_name == "connect":
                    return False
                if not current_user.is_authenticated:
                    disconnect()
                return {"ok": False, "error": "forbidden"}
            try:
                return handler(*args)
            except Exception:
                current_app.logger.exception("Socket.IO handler %s failed", event_name)
                db.session.rollback()
                return False if event_name == "connect" else {"ok": False, "error": "server_error"}

        guarded.access = access
        EVENT_ACCESS[(namespace, event_name)] = access
        socketio.on_event(event_name, guarded, namespace=namespace)
        return guarded

    return decorator


@on("connect", Access())
def handle_connect(_auth=None):
    """Signed-in people join their personal room and their login-session room."""
    return join(user_room(current_user.id)) and join(login_room(current_user.session_hash))
