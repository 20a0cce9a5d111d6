"""The Socket.IO message queue between server processes (Redis), able to end a room's
connections in every process.

python-socketio forwards emits, joins and `close_room` through the queue, but it can only
disconnect a connection whose id it knows, and a process knows only its own. Ending a
login session must close that browser's sockets wherever they are, so `disconnect_room`
publishes python-socketio's own `close_room` message with one more field, `disconnect`:
each process receiving it first disconnects its local members of the room, then empties
it. A process without that field's meaning would still empty the room.
"""

import socketio


def disconnect_local(server: socketio.Server, room: str, namespace: str) -> None:
    """Disconnect the connections of this process that are in `room`."""
    for sid, _eio_sid in list(server.manager.get_participants(namespace, room)):
        server.disconnect(sid, namespace=namespace, ignore_queue=True)


def disconnect_room(server: socketio.Server, room: str, namespace: str) -> None:
    """Disconnect every connection in `room`: in every process when there is a queue."""
    if isinstance(server.manager, ClosingRedisManager):
        server.manager.disconnect_room(room, namespace)
    else:
        disconnect_local(server, room, namespace)


class ClosingRedisManager(socketio.RedisManager):
    """python-socketio's Redis manager, plus `disconnect_room` across processes."""

    def disconnect_room(self, room: str, namespace: str) -> None:
        message = {
            "method": "close_room",
            "room": room,
            "namespace": namespace,
            "host_id": self.host_id,
            "disconnect": True,
        }
        self._handle_close_room(message)  # this process
        self._publish(message)  # the others

    def _handle_close_room(self, message: dict) -> None:
        if message.get("disconnect"):
            disconnect_local(self.server, message.get("room"), message.get("namespace") or "/")
        super()._handle_close_room(message)


def client_manager(url: str | None, channel: str) -> ClosingRedisManager | None:
    """The manager for `SOCKETIO_MESSAGE_QUEUE` (a Redis URL), or None for one process.

    Raises RuntimeError for a queue that is not Redis.
    """
    if not url:
        return None
    if not url.startswith(("redis://", "rediss://")):
        raise RuntimeError("SOCKETIO_MESSAGE_QUEUE must be a Redis URL (redis:// or rediss://)")
    return ClosingRedisManager(url, channel=channel)
