"""Real time: the one way features talk to Socket.IO.

* `publish(event, data, to=room)` queues an emit on the database session
  (`after_commit.on_commit`); it is sent only after that session commits (and dropped on
  rollback; a rolled-back savepoint drops only what was queued inside it), so clients
  never see data that was not stored.
* `on(event, access)` registers a Socket.IO handler with the access rule it
  needs; the rule is checked on every event (deny by default), and the
  connection itself is refused to anonymous people.
* `close_rooms(rooms)` disconnects, after commit, every connection in those rooms, in
  every process (used when a login session is revoked; `realtime_queue`).
* `reset_rooms(rooms)` empties those rooms after commit, in every process, once their
  connections have been told to join again (`rejoin`): used when who may read what a room
  is about changes, since joining checks the rule anew.

Rooms: `user:<id>` for each person, `login:<key>` for each login session.
"""

import functools
from collections.abc import Callable
from functools import partial

from flask import current_app, request
from flask_login import current_user
from flask_socketio import disconnect, join_room
from sqlalchemy.orm import Session

from mediator_portal.after_commit import on_commit
from mediator_portal.extensions import db, socketio
from mediator_portal.permissions import Access
from mediator_portal.realtime_queue import disconnect_room

NAMESPACE = "/"

# (namespace, event) -> Access, for every handler registered through `on`.
EVENT_ACCESS: dict[tuple[str, str], Access] = {}


def user_room(user_id: int) -> str:
    """The room every connection of one person joins."""
    return f"user:{user_id}"


def login_room(token_hash: str) -> str:
    """The room of the connections opened by one login session (by its stored token hash)."""
    return f"login:{token_hash[:24]}"


def publish(event_name: str, data: dict, *, to: str, session: Session | None = None) -> None:
    """Emit `event_name` with `data` to room `to` once the current transaction commits."""
    on_commit(partial(socketio.emit, event_name, data, to=to, namespace=NAMESPACE), session=session)


def close_rooms(rooms: list[str], *, session: Session | None = None) -> None:
    """After commit, tell the connections in `rooms` to end and disconnect those in this process."""
    for room in rooms:
        on_commit(partial(_close_room, room), session=session)


def reset_rooms(rooms: list[str], *, session: Session | None = None) -> None:
    """After commit, tell the connections in `rooms` to join again, then take them all out.

    The server, not the client, empties the rooms (in every process, through the message
    queue when there is one); those still allowed are back in as soon as their join is
    checked, the others receive nothing more.
    """
    for room in rooms:
        on_commit(partial(_reset_room, room), session=session)


def _reset_room(room: str) -> None:
    # In this order: a join answering the notice finds the room already emptied.
    socketio.emit("rejoin", {}, to=room, namespace=NAMESPACE)
    socketio.close_room(room, namespace=NAMESPACE)


def _close_room(room: str) -> None:
    # The event reaches every process through the message queue; the client then closes.
    socketio.emit("session_ended", {}, to=room, namespace=NAMESPACE)
    # A client may ignore it: each process disconnects its own members of the room.
    if socketio.server is not None:
        disconnect_room(socketio.server, room, NAMESPACE)


def join(room: str) -> bool:
    """Put the current connection in `room`; False when it closed meanwhile.

    A connection can be closed (its login session ended) while one of its events is
    being handled. python-socketio then refuses the join with a ValueError (no connection
    left in the namespace) or a KeyError (others left), or, with a message queue, would
    forward it to the other processes: it is checked first, and the errors answered False.
    """
    manager = socketio.server.manager
    sid = request.sid
    if not (manager.is_connected(sid, NAMESPACE) or manager.is_pre_connected(sid, NAMESPACE)):
        return False  # gone or disconnecting (pre-connected: inside the connect handler)
    try:
        join_room(room)
    except (KeyError, ValueError):
        return False
    return True


def on(event_name: str, access: Access, *, namespace: str = NAMESPACE) -> Callable:
    """Register a Socket.IO handler for `event_name` that only `access` may use.

    A refused `connect` returns False (Socket.IO rejects the connection); a refused
    event disconnects an anonymous client and acknowledges others with an error; an event
    sent with more than one argument is acknowledged with `bad_request`. A handler
    that fails is logged, its transaction rolled back, and the client gets an error ack
    instead of a dead server thread.
    """

    def decorator(handler: Callable) -> Callable:
        @functools.wraps(handler)
        def guarded(*args):
            if len(args) > 1:  # an event carries at most one payload (connect: the auth data)
                return False if event_name == "connect" else {"ok": False, "error": "bad_request"}
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
