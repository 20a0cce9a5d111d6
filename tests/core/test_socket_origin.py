"""The Socket.IO handshake accepts only the app's own Origin (a real server, a real client).

A member's valid cookie sent from another origin, a sibling subdomain included, is refused
at the handshake (400, over polling and over WebSocket), so it can neither join a room nor
send `typing`; the app's own origin connects and may. Without an Origin (not a browser)
the handshake is accepted: see mediator_portal/realtime_origin.py.
"""

import json
import re

import pytest
import requests
import socketio

from mediator_portal import realtime
from mediator_portal.extensions import db
from mediator_portal.extensions import socketio as server_socketio
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.forums.factories import make_category, make_topic

PUBLIC_URL = "https://portal.example.org"
FOREIGN = [
    "https://chat.portal.example.org",  # a sibling subdomain: SameSite=Lax sends the cookie
    "https://example.org",
    "http://portal.example.org",  # the right host over plain HTTP is another origin
    "https://portal.example.org.evil.example",
    "https://portal.example.org:8443",
    "null",  # a sandboxed frame
]
TRANSPORTS = [["polling"], ["websocket"]]


class Polling:
    """Socket.IO over Engine.IO 4 long-polling by hand, one request at a time.

    python-socketio's client keeps a poll open in a thread, which races its own disconnect
    (engineio then logs "Session is disconnected"), and a WebSocket it closes leaves
    Werkzeug's development server reading the close frame as a request. Accepted WebSocket
    connections are shown under gunicorn, in tests/deploy.
    """

    def __init__(self, url: str, headers: dict):
        self.url = f"{url}/socket.io/?EIO=4&transport=polling"
        self.http = requests.Session()
        self.http.headers.update(headers)
        opened = self.http.get(self.url, timeout=5)
        opened.raise_for_status()
        self.url += "&sid=" + json.loads(opened.text[1:])["sid"]
        self.send("40")  # open the namespace "/"
        if not self.receive().startswith("40{"):
            raise ConnectionRefusedError("namespace refused")

    def send(self, packet: str) -> None:
        self.http.post(self.url, data=packet.encode(), timeout=5).raise_for_status()

    def receive(self) -> str:
        return self.http.get(self.url, timeout=5).text

    def call(self, number: int, event: str, data: dict) -> dict:
        self.send(f"42{number}" + json.dumps([event, data]))
        answer = self.receive()
        assert answer.startswith(f"43{number}"), answer
        return json.loads(answer[2 + len(str(number)) :])[0]

    def close(self) -> None:
        self.send("1")


@pytest.fixture
def member(app, live_server):
    """The Cookie header of a signed-in mediator on the live server, and a topic it may read."""
    with app.app_context():
        user = make_user("mediator")
        topic = make_topic(make_category(), author=user)
        db.session.commit()
        user_id, email, topic_id = user.id, user.email, topic.id
    browser = requests.Session()
    login = browser.get(f"{live_server.url}/auth/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    signed_in = browser.post(
        f"{live_server.url}/auth/login",
        data={"csrf_token": token, "email": email, "password": DEFAULT_PASSWORD},
        allow_redirects=False,
    )
    assert signed_in.status_code == 302
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    return cookie, user_id, topic_id


def connect(live_server, cookie: str, origin: str | None, transports) -> socketio.Client:
    """python-socketio's client with the member's cookie, sent from `origin` (refusals)."""
    headers = {"Cookie": cookie}
    if origin is not None:
        headers["Origin"] = origin
    # websocket-client adds an Origin of its own (the server's) unless told not to.
    client = socketio.Client(reconnection=False, websocket_extra_options={"suppress_origin": True})
    client.connect(live_server.url, headers=headers, transports=transports, wait_timeout=5)
    return client


def connections_of(user_id: int) -> list:
    return list(server_socketio.server.manager.get_participants("/", realtime.user_room(user_id)))


def joins_and_types(live_server, cookie: str, origin: str | None, topic_id: int) -> bool:
    """Connect by hand from `origin`, join the topic and send typing: True when all worked."""
    client = Polling(live_server.url, {"Cookie": cookie, **({"Origin": origin} if origin else {})})
    try:
        joined = client.call(0, "join_topic", {"topic_id": topic_id})
        typed = client.call(1, "typing", {"topic_id": topic_id})
    finally:
        client.close()
    return joined["ok"] and typed["ok"]


def test_the_request_host_is_the_own_origin_without_public_url(live_server, member):
    cookie, _user_id, topic_id = member
    assert joins_and_types(live_server, cookie, live_server.url, topic_id)


@pytest.mark.parametrize("transports", TRANSPORTS, ids=["polling", "websocket"])
def test_another_port_or_host_is_refused_without_public_url(live_server, member, transports):
    cookie, user_id, _topic_id = member
    port = int(live_server.url.rsplit(":", 1)[1])
    for origin in (
        f"http://127.0.0.1:{port + 1}",
        f"http://localhost:{port}",
        "https://evil.example",
    ):
        with pytest.raises(socketio.exceptions.ConnectionError):
            connect(live_server, cookie, origin, transports)
    assert connections_of(user_id) == []


@pytest.mark.parametrize("transports", TRANSPORTS, ids=["polling", "websocket"])
def test_public_url_is_the_only_origin_when_set(
    app, live_server, member, monkeypatch, transports, caplog
):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL + "/")
    cookie, user_id, topic_id = member
    for origin in [*FOREIGN, live_server.url]:
        with pytest.raises(socketio.exceptions.ConnectionError):
            connect(live_server, cookie, origin, transports)
    assert connections_of(user_id) == []  # nobody joined a room, so nobody could send typing
    refusals = [r for r in caplog.records if "handshake refused" in r.getMessage()]
    assert len(refusals) >= len(FOREIGN) + 1 and {r.levelname for r in refusals} == {"WARNING"}
    assert joins_and_types(live_server, cookie, PUBLIC_URL, topic_id)


def test_a_client_without_origin_is_accepted(live_server, member):
    """Not a browser: it holds the cookie itself, which is the session already."""
    cookie, _user_id, topic_id = member
    assert joins_and_types(live_server, cookie, None, topic_id)


def test_a_foreign_origin_without_a_cookie_is_refused_too(live_server):
    with pytest.raises(socketio.exceptions.ConnectionError):
        connect(live_server, "", "https://evil.example", ["polling"])
