"""Socket.IO: signed-in connections only, rooms per person, ended sessions disconnect,
events check their permission, and publish() emits only committed data."""

import flask
import flask_login
import pytest

from mediator_portal import realtime
from mediator_portal.accounts import services
from mediator_portal.accounts.models import LoginSession, User
from mediator_portal.extensions import db, socketio
from mediator_portal.forums import events
from mediator_portal.permissions import Access, Permission
from tests.factories import make_user
from tests.forums.factories import make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

ADMIN_EVENT = "test.admin_only"
MEMBER_EVENT = "test.members"
FAILING_EVENT = "test.fails"


def _fail(data=None):
    raise RuntimeError("handler bug")


@pytest.fixture(scope="module")
def test_events():
    """Two throwaway events registered through realtime.on, removed afterwards."""
    realtime.on(ADMIN_EVENT, Access(permissions=frozenset({Permission.ADMIN})))(
        lambda data=None: {"ok": True, "echo": data}
    )
    realtime.on(MEMBER_EVENT, Access())(lambda data=None: {"ok": True})
    realtime.on(FAILING_EVENT, Access())(_fail)
    yield
    for name in (ADMIN_EVENT, MEMBER_EVENT, FAILING_EVENT):
        socketio.server.handlers.get(realtime.NAMESPACE, {}).pop(name, None)
        realtime.EVENT_ACCESS.pop((realtime.NAMESPACE, name), None)


def _rooms(sock, user_id=None):
    sid = socketio.server.manager.sid_from_eio_sid(sock.eio_sid, realtime.NAMESPACE)
    return set(socketio.server.rooms(sid, namespace=realtime.NAMESPACE))


def _received(sock, name):
    return [event for event in sock.get_received() if event["name"] == name]


def test_anonymous_connection_is_refused(client, socket_clients):
    assert not socket_clients(client).is_connected()


def test_connection_with_an_ended_session_is_refused(logged_in, socket_clients, stolen_copy):
    browser = logged_in("mediator")
    copy = stolen_copy(browser)
    browser.logout()
    assert not socket_clients(copy).is_connected()


@pytest.mark.parametrize("role", ["mediator", "supervisor", "trainer", "admin"])
def test_signed_in_person_joins_their_rooms(logged_in, socket_clients, role):
    browser = logged_in(role)
    sock = socket_clients(browser)
    assert sock.is_connected()
    rooms = _rooms(sock)
    assert realtime.user_room(browser.user.id) in rooms
    assert any(room.startswith("login:") for room in rooms)


def test_logout_disconnects_the_socket(logged_in, socket_clients):
    browser = logged_in("mediator")
    sock = socket_clients(browser)
    assert sock.is_connected()
    browser.logout()
    assert not sock.is_connected()


def test_logout_ends_only_that_browsers_socket(logged_in, new_client, socket_clients):
    browser = logged_in("mediator")
    other = new_client()
    other.login(browser.user.email, "correct horse battery staple")
    mine, theirs = socket_clients(browser), socket_clients(other)
    browser.logout()
    assert not mine.is_connected()
    assert theirs.is_connected()


def test_end_all_sessions_disconnects_every_socket(app, logged_in, socket_clients):
    browser = logged_in("trainer")
    sock = socket_clients(browser)
    with app.app_context():
        services.end_all_sessions(db.session, db.session.get(User, browser.user.id))
        db.session.commit()
    assert not sock.is_connected()


def test_session_end_is_announced_to_the_login_room(app, logged_in, socket_clients, monkeypatch):
    """Other processes hear of it through the message queue: the event is emitted to the room."""
    browser = logged_in("mediator")
    socket_clients(browser)
    emitted = []
    original = socketio.emit
    monkeypatch.setattr(
        socketio, "emit", lambda *a, **k: (emitted.append((a, k)), original(*a, **k))[1]
    )
    browser.logout()
    assert any(a[0] == "session_ended" and k["to"].startswith("login:") for a, k in emitted)


def test_nothing_is_disconnected_when_the_commit_is_rolled_back(app, logged_in, socket_clients):
    browser = logged_in("mediator")
    sock = socket_clients(browser)
    with app.app_context():
        services.end_all_sessions(db.session, db.session.get(User, browser.user.id))
        db.session.rollback()
    assert sock.is_connected()


def test_events_recheck_the_login_session(app, logged_in, socket_clients, test_events):
    """A session revoked behind the socket's back (another process) is refused at the next event."""
    browser = logged_in("mediator")
    sock = socket_clients(browser)
    with app.app_context():
        db.session.execute(db.update(LoginSession).values(revoked_at=db.func.now()))
        db.session.commit()
    sock.emit(MEMBER_EVENT, {}, callback=True)
    assert not sock.is_connected()


@pytest.mark.parametrize("role", ["mediator", "supervisor", "trainer"])
def test_event_refuses_people_without_the_permission(logged_in, socket_clients, test_events, role):
    sock = socket_clients(logged_in(role))
    answer = sock.emit(ADMIN_EVENT, {"x": 1}, callback=True)
    assert answer == {"ok": False, "error": "forbidden"}
    assert sock.is_connected()


def test_event_serves_people_with_the_permission(logged_in, socket_clients, test_events):
    sock = socket_clients(logged_in("admin"))
    assert sock.emit(ADMIN_EVENT, {"x": 1}, callback=True) == {"ok": True, "echo": {"x": 1}}


@pytest.mark.logs_errors
def test_a_failing_handler_answers_an_error_and_keeps_the_connection(
    logged_in, socket_clients, test_events
):
    sock = socket_clients(logged_in("mediator"))
    assert sock.emit(FAILING_EVENT, {}, callback=True) == {"ok": False, "error": "server_error"}
    assert sock.is_connected()
    assert sock.emit(MEMBER_EVENT, {}, callback=True) == {"ok": True}


def test_every_registered_event_declares_access(test_events):
    handlers = socketio.server.handlers[realtime.NAMESPACE]
    for name, handler in handlers.items():
        if name in ("connect", "disconnect") and not hasattr(handler, "access"):
            continue
        assert (realtime.NAMESPACE, name) in realtime.EVENT_ACCESS, name


def test_published_event_reaches_the_room_after_commit(app, logged_in, socket_clients):
    browser = logged_in("mediator")
    sock = socket_clients(browser)
    sock.get_received()
    with app.app_context():
        realtime.publish("notice", {"n": 1}, to=realtime.user_room(browser.user.id))
        assert _received(sock, "notice") == []  # not before the commit
        db.session.commit()
    events = _received(sock, "notice")
    assert [e["args"] for e in events] == [[{"n": 1}]]


# -- publish() as a unit: emits after commit only -------------------------------------------


@pytest.fixture
def emitted(monkeypatch):
    calls = []
    monkeypatch.setattr(socketio, "emit", lambda *a, **k: calls.append((a, k)))
    return calls


def test_publish_emits_only_after_commit(app_ctx, emitted):
    make_user("mediator")
    realtime.publish("post.new", {"id": 1}, to="topic:1")
    assert emitted == []
    db.session.flush()
    assert emitted == []
    db.session.commit()
    assert emitted == [(("post.new", {"id": 1}), {"to": "topic:1", "namespace": "/"})]
    db.session.commit()
    assert len(emitted) == 1  # sent once


def test_publish_sends_nothing_after_rollback(app_ctx, emitted):
    make_user("mediator")
    realtime.publish("post.new", {"id": 1}, to="topic:1")
    db.session.rollback()
    db.session.commit()
    assert emitted == []


def test_publish_keeps_the_order_of_events(app_ctx, emitted):
    for number in range(3):
        realtime.publish("tick", {"n": number}, to="room")
    db.session.commit()
    assert [a[1]["n"] for a, _ in emitted] == [0, 1, 2]


def test_publish_after_a_rollback_is_sent_with_the_next_commit(app_ctx, emitted):
    realtime.publish("lost", {}, to="room")
    db.session.rollback()
    realtime.publish("kept", {}, to="room")
    db.session.commit()
    assert [a[0] for a, _ in emitted] == ["kept"]


@pytest.fixture
def stolen_copy(new_client):
    def copy(browser):
        thief = new_client()
        thief.set_cookie("session", browser.get_cookie("session").value)
        return thief

    return copy


def test_savepoint_rollback_drops_only_its_own_events(app_ctx, emitted):
    make_user("mediator")
    realtime.publish("outer", {}, to="room")
    savepoint = db.session.begin_nested()
    realtime.publish("inner", {}, to="room")
    savepoint.rollback()
    db.session.commit()
    assert [a[0] for a, _ in emitted] == ["outer"]


def test_released_savepoint_keeps_its_events(app_ctx, emitted):
    make_user("mediator")
    with db.session.begin_nested():
        realtime.publish("inner", {}, to="room")
    db.session.commit()
    assert [a[0] for a, _ in emitted] == ["inner"]


def test_joining_a_room_after_the_connection_closed_is_refused_not_raised(app):
    with app.test_request_context():
        flask.request.sid = "closed-meanwhile"
        flask.request.namespace = realtime.NAMESPACE
        assert realtime.join("topic:1") is False


def test_joining_after_the_connection_closed_while_others_are_open_is_refused(
    app, logged_in, socket_clients
):
    """With other connections open python-socketio raised KeyError here (seen in join_topic)."""
    other = socket_clients(logged_in("mediator"))
    assert other.is_connected()
    with app.test_request_context():
        flask.request.sid = "closed-meanwhile"
        flask.request.namespace = realtime.NAMESPACE
        assert realtime.join("topic:1") is False


def test_a_join_topic_after_disconnect_is_answered_quietly(app, user_of, socket_clients, logged_in):
    """The board's handler, for a connection that closed while its event waited."""
    socket_clients(logged_in("mediator"))  # the namespace still has connections
    member = user_of("mediator")
    with app.test_request_context():
        flask.request.sid = "closed-meanwhile"
        flask.request.namespace = realtime.NAMESPACE
        flask_login.login_user(db.session.get(User, member.id))
        topic = make_topic(make_category(), author=db.session.get(User, member.id))
        db.session.commit()
        answer = events.join_topic({"topic_id": topic.id})
    assert answer == {"ok": False, "error": "disconnected"}
