"""The live badge: a new notification sends the new unread count to the recipient's own
Socket.IO room after the commit; nobody else hears it."""

import re

import pytest

from mediator_portal.accounts.models import User
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums.models import Category, Post, Topic
from mediator_portal.notifications import services
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic

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


# -- the count leaves out what its person may no longer read ------------------------------

BADGE = re.compile(r"data-notification-count>(\d+)</span>")


def badge_on(browser, url: str = "/") -> int:
    return int(BADGE.search(browser.get(url).get_data(as_text=True)).group(1))


@pytest.fixture
def notified(seed, logged_in):
    """A mediator with two reply notifications: (browser, category id, topic id, post ids)."""
    browser = logged_in("mediator")

    def create():
        category = make_category()
        topic = make_topic(category=category, author=account(browser))
        posts = [make_post(topic) for _ in range(2)]
        return category.id, topic.id, [post.id for post in posts]

    return (browser, *seed(create))


def _change(seed, model, row_id, **values):
    def apply():
        row = db.session.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)

    seed(apply)


def test_the_badge_counts_what_is_readable(notified):
    browser, *_ = notified
    assert badge_on(browser) == 2
    assert browser.get("/notifications/unread.json").get_json() == {"unread": 2}


@pytest.mark.parametrize("lost", ["category restricted", "topic hidden", "post hidden", "deleted"])
def test_the_badge_leaves_out_what_the_person_can_no_longer_read(seed, notified, lost):
    browser, category_id, topic_id, post_ids = notified
    if lost == "category restricted":
        _change(seed, Category, category_id, visible_to="trainer,admin")
        expected = 0
    elif lost == "topic hidden":
        _change(seed, Topic, topic_id, hidden=True)
        expected = 0
    elif lost == "post hidden":
        _change(seed, Post, post_ids[0], hidden=True)
        expected = 1
    else:
        _change(seed, Post, post_ids[1], deleted_at=utcnow())
        expected = 1
    # Without opening the list: the navigation, the JSON and the live count agree.
    assert badge_on(browser) == expected
    assert browser.get("/notifications/unread.json").get_json() == {"unread": expected}
    with browser.application.app_context():
        assert services.unread_count(db.session, browser.user) == expected


def test_a_moderator_still_counts_a_hidden_topic(seed, logged_in):
    trainer = logged_in("trainer")

    def create():
        topic = make_topic(author=account(trainer))
        make_post(topic)
        topic.hidden = True
        return topic.id

    seed(create)
    assert badge_on(trainer) == 1


def test_a_role_change_takes_the_count_with_it(seed, logged_in):
    supervisor = logged_in("supervisor")

    def create():
        category = make_category(visible_to="supervisor,admin")
        topic = make_topic(category=category, author=account(supervisor))
        make_post(topic, author=make_user("supervisor"))

    seed(create)
    assert badge_on(supervisor) == 1
    _change(seed, User, supervisor.user.id, role="mediator")
    assert badge_on(supervisor) == 0


def test_the_badge_costs_the_same_queries_for_few_and_many(seed, logged_in, count_queries):
    """The navigation's one count statement, whatever the notifications and their targets."""

    def measure(browser) -> int:
        browser.get("/notifications/watching")
        with count_queries() as statements:
            assert browser.get("/notifications/watching").status_code == 200
        return len(statements)

    counts = []
    for replies in (1, 25):
        browser = logged_in("mediator")

        def create(browser=browser, replies=replies):
            topic = make_topic(author=account(browser))
            for _ in range(replies):
                make_post(topic, author=make_user("mediator"))
            hidden = make_topic(author=account(browser))
            make_post(hidden)
            hidden.hidden = True

        seed(create)
        assert badge_on(browser, "/notifications/watching") == replies
        counts.append(measure(browser))
    assert counts[0] == counts[1]
