"""The board tells other features what happened through signals, after the commit: a topic,
a reply, an edit, a reaction, a post or topic hidden, a topic moved, a report resolved."""

import pytest

from mediator_portal import signals
from mediator_portal.extensions import db
from mediator_portal.forums import services
from tests.factories import make_user
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

BOARD_SIGNALS = (
    signals.topic_created,
    signals.post_created,
    signals.post_edited,
    signals.reaction_added,
    signals.post_hidden,
    signals.topic_hidden,
    signals.topic_moved,
    signals.report_resolved,
)


@pytest.fixture
def heard():
    """(signal name, payload) of every board signal sent during the test."""
    received = []
    receivers = []
    for signal in BOARD_SIGNALS:

        def receiver(_sender, _name=signal.name, **payload):
            received.append((_name, payload))

        signal.connect(receiver)
        receivers.append((signal, receiver))
    yield received
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def test_each_board_action_sends_its_signal_after_commit(app_ctx, heard):
    author, moderator = make_user("mediator"), make_user("trainer")
    reader = make_user("mediator")
    category, other = make_category(), make_category()
    topic = services.start_topic(
        db.session, category=category, author=author, title="Θέμα", body="Πρώτο"
    )
    reply = services.reply_to_topic(db.session, topic=topic, author=reader, body="Απάντηση")
    services.edit_post(db.session, post=reply, editor=reader, body="Διορθωμένη απάντηση")
    services.toggle_reaction(db.session, reply, user=author, kind="like")
    report = services.report_post(db.session, reply, reporter=author, reason="Λόγος")
    services.resolve_report(db.session, report, actor=moderator, resolution="Εντάξει")
    services.hide_post(db.session, reply, actor=moderator, reason="Προσωπικά δεδομένα")
    services.move_topic(db.session, topic, actor=moderator, category=other)
    services.hide_topic(db.session, topic, actor=moderator, reason="Κλειστό")
    assert heard == []
    db.session.commit()
    assert [name for name, _ in heard] == [
        "topic-created",
        "post-created",
        "post-edited",
        "reaction-added",
        "report-resolved",
        "post-hidden",
        "topic-moved",
        "topic-hidden",
    ]
    payloads = dict(heard)
    assert payloads["post-created"] == {
        "post_id": reply.id,
        "topic_id": topic.id,
        "author_id": reader.id,
    }
    assert payloads["topic-moved"]["to_category_id"] == other.id
    assert payloads["post-hidden"]["reason"] == "Προσωπικά δεδομένα"


def test_taking_a_reaction_back_sends_nothing(app_ctx, heard):
    topic = make_topic(make_category())
    post = make_post(topic)
    user = make_user("mediator")
    db.session.commit()
    heard.clear()  # the factories post through the services too
    services.toggle_reaction(db.session, post, user=user, kind="like")
    db.session.commit()
    services.toggle_reaction(db.session, post, user=user, kind="like")
    db.session.commit()
    assert [name for name, _ in heard] == ["reaction-added"]


def test_a_refused_reply_sends_nothing(app_ctx, heard):
    topic = make_topic(make_category())
    db.session.commit()
    heard.clear()
    with pytest.raises(services.EmptyPost):
        services.reply_to_topic(db.session, topic=topic, author=make_user(), body="   ")
    db.session.rollback()
    db.session.commit()
    assert [name for name, _ in heard] == []


def test_the_same_reaction_given_twice_is_heard_once(app_ctx, heard):
    """Two tabs sending "like" (on=True) at once: the second insert finds the row and adds
    nothing, on PostgreSQL too (where psycopg reports no row count for ON CONFLICT)."""
    post = make_post(make_topic(make_category()))
    user = make_user("mediator")
    db.session.commit()
    heard.clear()
    for _tab in range(2):
        assert services.toggle_reaction(db.session, post, user=user, kind="like", on=True)
        db.session.commit()
    assert [name for name, _ in heard] == ["reaction-added"]
