"""Socket.IO of the message board: joining a room checks the page's rule, events carry ids,
typing reaches the others only, and bad payloads get an error acknowledgement."""

from types import SimpleNamespace

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Topic
from tests.factories import make_user
from tests.forums.factories import make_category, make_post, make_topic


@pytest.fixture
def board(app):
    """An open category and one restricted to trainers and admins, a topic in each."""
    with app.app_context():
        trainer = make_user("trainer", name="Ελένη Εκπαιδεύτρια")
        open_category = make_category()
        closed_category = make_category(visible_to="trainer,admin")
        open_topic = make_topic(open_category, author=trainer)
        closed_topic = make_topic(closed_category, author=trainer)
        db.session.commit()
        return SimpleNamespace(
            trainer_id=trainer.id,
            open_category=open_category.id,
            closed_category=closed_category.id,
            open_topic=open_topic.id,
            closed_topic=closed_topic.id,
        )


@pytest.fixture
def connect(logged_in, socket_clients):
    """Factory: `connect("mediator")` signs a new account in and opens its Socket.IO client."""

    def open_socket(role: str = "mediator", **fields):
        browser = logged_in(role, **fields)
        socket = socket_clients(browser)
        assert socket.is_connected()
        socket.user, socket.browser = browser.user, browser
        return socket

    return open_socket


def received(socket, name: str) -> list[dict]:
    """The data of every `name` event the client received since the last call."""
    return [event["args"][0] for event in socket.get_received() if event["name"] == name]


def reply_as(app, topic_id: int, author_id: int, body: str = "Νέα απάντηση") -> int:
    """Reply through the service and commit (which sends the events); returns the post id."""
    with app.app_context():
        topic = db.session.get(Topic, topic_id)
        author = db.session.get(User, author_id)
        post = make_post(topic, author=author, body=body)
        db.session.commit()
        return post.id


def test_anonymous_connection_is_refused(client, socket_clients):
    assert not socket_clients(client).is_connected()


def test_mediator_cannot_join_a_topic_of_a_category_restricted_to_trainers(app, board, connect):
    mediator = connect("mediator")

    ack = mediator.emit("join_topic", {"topic_id": board.closed_topic}, callback=True)

    assert ack == {"ok": False, "error": "not_found"}
    categories = mediator.emit("join_category_list", {}, callback=True)
    assert categories["ok"] is True
    assert board.closed_category not in categories["category_ids"]
    assert board.open_category in categories["category_ids"]
    mediator.get_received()
    reply_as(app, board.closed_topic, board.trainer_id, body="Μόνο για εκπαιδευτές")
    events = mediator.get_received()
    assert events == []  # neither post_created nor topic_activity of the restricted category


def test_trainer_may_join_the_restricted_topic(board, connect):
    trainer = connect("trainer")
    ack = trainer.emit("join_topic", {"topic_id": board.closed_topic}, callback=True)
    assert ack["ok"] is True
    assert ack["topic_id"] == board.closed_topic


def test_member_receives_post_created_after_another_member_replies_through_the_page(
    app, board, connect
):
    reader = connect("mediator")
    writer = connect("supervisor")
    assert reader.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"]
    reader.get_received()

    response = writer.browser.post(f"/forums/t/{board.open_topic}/reply", data={"body": "Γεια"})

    assert response.status_code == 302
    [event] = received(reader, "post_created")
    with app.app_context():
        post = db.session.scalars(
            db.select(Post).where(Post.topic_id == board.open_topic).order_by(Post.number.desc())
        ).first()
    # Ids only: the text is fetched over HTTP with the reader's own permissions.
    assert event == {"topic_id": board.open_topic, "post_id": post.id, "number": post.number}


def test_category_list_receives_topic_activity_of_visible_categories(app, board, connect):
    reader = connect("mediator")
    reader.emit("join_category_list", {}, callback=True)
    reader.get_received()

    reply_as(app, board.open_topic, board.trainer_id)

    assert received(reader, "topic_activity") == [
        {"category_id": board.open_category, "topic_id": board.open_topic}
    ]


def test_leaving_a_topic_stops_its_events(app, board, connect):
    reader = connect("mediator")
    reader.emit("join_topic", {"topic_id": board.open_topic}, callback=True)
    assert reader.emit("leave_topic", {"topic_id": board.open_topic}, callback=True) == {"ok": True}
    reader.get_received()

    reply_as(app, board.open_topic, board.trainer_id)

    assert received(reader, "post_created") == []


def test_hidden_topic_room_is_for_moderators_only(app, board, connect):
    with app.app_context():
        topic = db.session.get(Topic, board.open_topic)
        trainer = db.session.get(User, board.trainer_id)
        services.hide_topic(db.session, topic, actor=trainer, reason="Εκτός θέματος")
        db.session.commit()
    mediator, trainer_socket = connect("mediator"), connect("trainer")

    refused = mediator.emit("join_topic", {"topic_id": board.open_topic}, callback=True)
    allowed = trainer_socket.emit("join_topic", {"topic_id": board.open_topic}, callback=True)

    assert refused == {"ok": False, "error": "not_found"}
    assert allowed["ok"] is True


def test_typing_is_relayed_to_the_others_in_the_topic_and_not_to_the_sender(board, connect):
    writer = connect("mediator", name="Αμίνα Χασάν")
    reader = connect("supervisor")
    outsider = connect("mediator")  # connected, but not in this topic's room
    for socket in (writer, reader):
        assert socket.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"]
    for socket in (writer, reader, outsider):
        socket.get_received()

    ack = writer.emit("typing", {"topic_id": board.open_topic}, callback=True)

    assert ack == {"ok": True}
    assert received(reader, "typing") == [
        {"topic_id": board.open_topic, "user_id": writer.user.id, "name": "Αμίνα Χασάν"}
    ]
    assert received(writer, "typing") == []
    assert received(outsider, "typing") == []


def test_typing_needs_membership_of_the_room(board, connect):
    writer = connect("mediator")
    reader = connect("trainer")
    reader.emit("join_topic", {"topic_id": board.closed_topic}, callback=True)
    reader.get_received()

    ack = writer.emit("typing", {"topic_id": board.closed_topic}, callback=True)

    assert ack == {"ok": False, "error": "not_joined"}
    assert received(reader, "typing") == []


def test_typing_stops_once_the_topic_is_hidden_from_the_writer(app, board, connect):
    writer = connect("mediator")
    reader = connect("trainer")
    for socket in (writer, reader):
        socket.emit("join_topic", {"topic_id": board.open_topic}, callback=True)
    with app.app_context():
        topic = db.session.get(Topic, board.open_topic)
        trainer = db.session.get(User, board.trainer_id)
        services.hide_topic(db.session, topic, actor=trainer, reason="Διπλό θέμα")
        db.session.commit()
    # Hiding emptied the room; the moderator is back in as soon as they join again.
    assert reader.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"]
    reader.get_received()

    ack = writer.emit("typing", {"topic_id": board.open_topic}, callback=True)

    assert ack == {"ok": False, "error": "not_joined"}
    assert received(reader, "typing") == []


BAD_PAYLOADS = [
    None,
    "1",
    17,
    [],
    {},
    {"topic_id": None},
    {"topic_id": "1"},
    {"topic_id": True},
    {"topic_id": 1.5},
    {"topic_id": 0},
    {"topic_id": -3},
    {"topic_id": 2**40},
    {"topic_id": [1]},
    {"topic_id": {"$gt": 0}},
]


@pytest.mark.parametrize("event", ["join_topic", "leave_topic", "typing"])
@pytest.mark.parametrize("payload", BAD_PAYLOADS, ids=repr)
def test_bad_payloads_get_an_error_ack(board, connect, event, payload):
    socket = connect("mediator")
    args = () if payload is None else (payload,)

    ack = socket.emit(event, *args, callback=True)

    assert ack == {"ok": False, "error": "bad_request"}
    assert socket.is_connected()


@pytest.mark.parametrize("after", ["3", -1, True, 1.0, [2]])
def test_bad_after_number_gets_an_error_ack(board, connect, after):
    socket = connect("mediator")
    ack = socket.emit(
        "join_topic", {"topic_id": board.open_topic, "after_number": after}, callback=True
    )
    assert ack == {"ok": False, "error": "bad_request"}


def test_unknown_topic_gets_an_error_ack(connect):
    socket = connect("mediator")
    assert socket.emit("join_topic", {"topic_id": 999_999}, callback=True) == {
        "ok": False,
        "error": "not_found",
    }


def test_rejoining_with_after_number_lists_the_missed_posts_the_person_may_see(app, board, connect):
    mediator, trainer = connect("mediator"), connect("trainer")
    first = reply_as(app, board.open_topic, board.trainer_id, body="Δεύτερο")  # number 2
    reply_as(app, board.open_topic, board.trainer_id, body="Τρίτο")  # number 3
    with app.app_context():
        post = db.session.get(Post, first)
        actor = db.session.get(User, board.trainer_id)
        services.hide_post(db.session, post, actor=actor, reason="Προσωπικά δεδομένα")
        db.session.commit()

    seen_by_member = mediator.emit(
        "join_topic", {"topic_id": board.open_topic, "after_number": 1}, callback=True
    )
    seen_by_moderator = trainer.emit(
        "join_topic", {"topic_id": board.open_topic, "after_number": 1}, callback=True
    )

    assert seen_by_member["missed"] == [3]
    assert seen_by_moderator["missed"] == [2, 3]
    assert seen_by_member["last_number"] == 3
    assert seen_by_member["complete"] is True


def test_every_forum_event_declares_participation(app):
    from mediator_portal.permissions import Permission
    from mediator_portal.realtime import EVENT_ACCESS

    for name in ("join_topic", "leave_topic", "join_category_list", "typing"):
        assert EVENT_ACCESS[("/", name)].permissions == frozenset({Permission.FORUM_PARTICIPATE})


def test_a_refused_rejoin_leaves_the_room_joined_before_the_topic_was_hidden(app, board, connect):
    mediator = connect("mediator")
    assert mediator.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"]
    with app.app_context():
        topic = db.session.get(Topic, board.open_topic)
        trainer = db.session.get(User, board.trainer_id)
        services.hide_topic(db.session, topic, actor=trainer, reason="Εκτός θέματος")
        db.session.commit()

    ack = mediator.emit("join_topic", {"topic_id": board.open_topic}, callback=True)
    mediator.get_received()
    reply_as(app, board.open_topic, board.trainer_id, body="Μόνο για συντονιστές")

    assert ack == {"ok": False, "error": "not_found"}
    assert received(mediator, "post_created") == []


def change(app, fn) -> None:
    """Run `fn()` in an app context and commit (which empties the rooms concerned)."""
    with app.app_context():
        fn()
        db.session.commit()


def joined(*sockets, topic_id: int) -> None:
    for socket in sockets:
        assert socket.emit("join_topic", {"topic_id": topic_id}, callback=True)["ok"]
        socket.emit("join_category_list", {}, callback=True)
        socket.get_received()


def test_hiding_a_topic_takes_everyone_out_of_its_room_and_only_moderators_come_back(
    app, board, connect
):
    member, moderator = connect("mediator"), connect("trainer")
    joined(member, moderator, topic_id=board.open_topic)

    def hide():
        topic = db.session.get(Topic, board.open_topic)
        services.hide_topic(
            db.session, topic, actor=db.session.get(User, board.trainer_id), reason="Διπλό"
        )

    change(app, hide)
    assert received(member, "rejoin") == [{}] and received(moderator, "rejoin") == [{}]
    reply_as(app, board.open_topic, board.trainer_id)
    assert received(member, "post_created") == [] and received(moderator, "post_created") == []

    assert member.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"] is False
    assert moderator.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"]
    reply_as(app, board.open_topic, board.trainer_id)
    assert received(member, "post_created") == []
    assert len(received(moderator, "post_created")) == 1


def test_restricting_a_category_takes_members_out_of_its_rooms(app, board, connect):
    member = connect("mediator")
    joined(member, topic_id=board.open_topic)

    def restrict():
        category = services.get_category(
            db.session, db.session.get(User, board.trainer_id), board.open_category
        )
        services.update_category(
            db.session, category, actor=make_user("admin"), visible_to=["trainer", "admin"]
        )

    change(app, restrict)
    assert received(member, "rejoin") == [{}, {}]  # the category's room and its topic's
    reply_as(app, board.open_topic, board.trainer_id, body="Μόνο για εκπαιδευτές")
    assert member.get_received() == []  # neither post_created nor topic_activity


def test_moving_a_topic_to_a_restricted_category_takes_members_out_of_its_room(app, board, connect):
    member = connect("mediator")
    joined(member, topic_id=board.open_topic)

    def move():
        trainer = db.session.get(User, board.trainer_id)
        services.move_topic(
            db.session,
            db.session.get(Topic, board.open_topic),
            actor=trainer,
            category=services.get_category(db.session, trainer, board.closed_category),
        )

    change(app, move)
    reply_as(app, board.open_topic, board.trainer_id)
    assert received(member, "post_created") == []
    assert member.emit("join_topic", {"topic_id": board.open_topic}, callback=True)["ok"] is False


def test_a_trainer_made_mediator_leaves_the_rooms_of_a_trainers_category(app, board, connect):
    from mediator_portal.admin import services as admin

    trainer = connect("trainer")
    joined(trainer, topic_id=board.closed_topic)
    change(
        app,
        lambda: admin.change_role(
            db.session,
            admin.Actor(make_user("admin")),
            db.session.get(User, trainer.user.id),
            "mediator",
        ),
    )
    assert {} in received(trainer, "rejoin")
    reply_as(app, board.closed_topic, board.trainer_id, body="Μόνο για εκπαιδευτές")
    assert trainer.get_received() == []
    refused = trainer.emit("join_topic", {"topic_id": board.closed_topic}, callback=True)
    assert refused == {"ok": False, "error": "not_found"}


# -- every event, sent as a careless or hostile client would --------------------------------

BAD_PAYLOADS = [
    (),
    ("text",),
    (5,),
    ([1, 2],),
    (None,),
    ({},),
    ({"topic_id": "1"},),
    ({"topic_id": -1},),
    ({"topic_id": 2**63},),
    ({"topic_id": 10**40},),
    ({"topic_id": True},),
    ({"topic_id": 1.5},),
    ({"topic_id": 1, "after_number": "x"},),
    ({"topic_id": 1}, {"topic_id": 2}),  # more than one argument
    ({"topic_id": 1}, "extra", 3),
]


def _names_a_real_topic(payload: tuple) -> bool:
    return bool(payload) and isinstance(payload[0], dict) and payload[0].get("topic_id") == 1


def test_every_event_answers_a_bad_payload_with_an_error_ack(app, board, connect):
    """No argument, extra arguments, wrong types: a clear error ack, never a traceback (the
    suite's log fixture fails the test on a logged exception)."""
    from mediator_portal.extensions import socketio

    socket = connect("mediator")
    events = sorted(set(socketio.server.handlers["/"]) - {"connect", "disconnect"})
    assert {"join_topic", "leave_topic", "typing", "join_category_list"} <= set(events)
    takes_no_payload = {"join_category_list"}
    for event in events:
        for payload in BAD_PAYLOADS:
            ack = socket.emit(event, *payload, callback=True)
            assert isinstance(ack, dict), (event, payload, ack)
            if len(payload) > 1:
                assert ack == {"ok": False, "error": "bad_request"}, (event, payload)
            elif event not in takes_no_payload and not _names_a_real_topic(payload):
                assert ack["ok"] is False and ack["error"] in {"bad_request", "not_found"}, (
                    event,
                    payload,
                    ack,
                )
    assert socket.is_connected()
