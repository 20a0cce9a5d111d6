"""The live badge: a new notification sends the new unread count to the recipient's own
Socket.IO room after the commit; nobody else hears it."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.forums.conftest import account
from tests.forums.factories import make_post, make_topic

pytestmark = pytest.mark.database


def counts(socket) -> list[dict]:
    return [
        event["args"][0] for event in socket.get_received() if event["name"] == services.BADGE_EVENT
    ]


def test_the_recipient_gets_the_new_count_and_nobody_else(app, logged_in, socket_clients, seed):
    recipient, bystander, replier = (logged_in("mediator") for _ in range(3))
    recipient_socket, bystander_socket = socket_clients(recipient), socket_clients(bystander)
    replier_socket = socket_clients(replier)
    assert recipient_socket.is_connected() and bystander_socket.is_connected()
    topic_id = seed(lambda: make_topic(author=account(recipient)).id)
    for socket in (recipient_socket, bystander_socket, replier_socket):
        socket.get_received()

    def reply():
        from mediator_portal.forums import services as forums

        topic = forums.topics_by_id(db.session, [topic_id])[topic_id]
        make_post(topic, author=account(replier))

    seed(reply)
    assert counts(recipient_socket) == [{"unread": 1}]
    assert counts(bystander_socket) == []
    assert counts(replier_socket) == []
    seed(reply)
    assert counts(recipient_socket) == [{"unread": 2}]
    # Reading them sends the new count too, to the reader only.
    assert recipient.post("/notifications/read").status_code == 302
    assert counts(recipient_socket) == [{"unread": 0}]
    assert counts(bystander_socket) == []


def test_nothing_is_sent_when_the_transaction_rolls_back(app, logged_in, socket_clients, seed):
    recipient, replier = logged_in("mediator"), logged_in("mediator")
    socket = socket_clients(recipient)
    topic_id = seed(lambda: make_topic(author=account(recipient)).id)
    socket.get_received()
    with app.app_context():
        from mediator_portal.forums import services as forums

        topic = forums.topics_by_id(db.session, [topic_id])[topic_id]
        make_post(topic, author=account(replier))
        db.session.rollback()
    assert counts(socket) == []
