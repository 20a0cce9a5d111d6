"""Sensitive categories: every e-mail this test makes the portal send about one (a reply, a
mention, a new topic and a watched post, immediately and in the digest, in both languages)
carries the topic's title and a link, and not one word of the posts' text."""

import re
from datetime import UTC, datetime

import pytest

from mediator_portal.extensions import db
from mediator_portal.notifications import jobs as email_jobs
from mediator_portal.notifications import services
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic
from tests.jobs_support import InProcessWorker
from tests.notifications.helpers import text_of

pytestmark = pytest.mark.database

FIRST = "Η οικογένεια Zanzibar ανέφερε ψίθυρος quokka διαζύγιο 7391"
REPLY = "αιμορραγία μυστικό Quetzalcoatl ενδοοικογενειακή βία 4482 εγκυμοσύνη"
TITLE = "Case consultation"


def words(text: str) -> set[str]:
    """The words of a post (the @mention of a person left out: it names the recipient)."""
    return {word.lower() for word in re.findall(r"[^\W_]{3,}", text)}


def drained() -> None:
    running = InProcessWorker().start()
    try:
        running.drain()
    finally:
        running.stop()


def test_no_email_about_a_sensitive_category_carries_any_word_of_a_post(
    app, user_of, seed, mailbox, public_url
):
    author = user_of("mediator", locale="en", email="author@example.org")
    watcher = user_of("mediator", locale="el", email="watcher@example.org")
    mentioned = user_of("mediator", locale="el", name="Maria Test", email="maria@example.org")

    def setup():
        category = make_category(sensitive=True)
        services.set_watch_level(db.session, watcher.id, "category", category.id, "watching")
        db.session.commit()
        topic = make_topic(category=category, author=account(author), title=TITLE, body=FIRST)
        db.session.commit()
        make_post(topic, body=f"@{services.handle('Maria Test')} {REPLY}")
        return topic.id

    seed(setup)
    drained()  # the immediate ones: the reply to the author, the mention
    with app.app_context():  # the digest: the watcher's new topic and watched post
        assert email_jobs.queue_digests(datetime(2026, 12, 3, 5, tzinfo=UTC)) >= 1
    drained()

    received = sorted(message["To"] for message in mailbox)
    assert received == sorted([author.email, mentioned.email, watcher.email])
    secret = words(FIRST) | words(REPLY)
    for message in mailbox:  # every e-mail this test sent
        text = text_of(message).lower()
        assert TITLE.lower() in text
        assert f"{public_url}/forums/" in text
        found = sorted(word for word in secret if word in text)
        assert found == [], (message["To"], found)


def test_the_same_e_mails_from_an_ordinary_category_carry_an_excerpt(app, user_of, seed, mailbox):
    author = user_of("mediator", email="author@example.org")

    def setup():
        topic = make_topic(category=make_category(), author=account(author), title=TITLE)
        db.session.commit()
        make_post(topic, body=REPLY)

    seed(setup)
    drained()
    [message] = mailbox
    assert "quetzalcoatl" in text_of(message).lower()
