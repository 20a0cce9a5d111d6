"""Every kind the board creates, through the real services and signals (after commit), and
every watching level: who is told, of what, and who is not."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.notifications import services
from tests.factories import make_user
from tests.forums.factories import make_category, make_post, make_topic
from tests.notifications.helpers import kinds_of, rows_of

pytestmark = pytest.mark.database


def _commit():
    db.session.commit()


def test_a_reply_tells_the_topic_author_and_not_the_replier(app_ctx):
    author, replier = make_user("mediator"), make_user("mediator")
    topic = make_topic(author=author)
    _commit()
    post = make_post(topic, author=replier)
    _commit()
    [row] = rows_of(author)
    assert (row.kind, row.target_type, row.target_id, row.actor_id) == (
        "reply",
        "post",
        post.id,
        replier.id,
    )
    assert rows_of(replier) == []


def test_posting_in_a_topic_makes_you_track_it(app_ctx):
    author, replier = make_user("mediator"), make_user("mediator")
    topic = make_topic(author=author)
    make_post(topic, author=replier)
    _commit()
    assert services.watch_level(db.session, replier.id, "topic", topic.id) == "tracking"
    assert services.watch_level(db.session, author.id, "topic", topic.id) == "tracking"
    # A level chosen before is kept.
    services.set_watch_level(db.session, replier.id, "topic", topic.id, "muted")
    _commit()
    make_post(topic, author=replier)
    _commit()
    assert services.watch_level(db.session, replier.id, "topic", topic.id) == "muted"


@pytest.mark.parametrize(
    ("level", "told"),
    [("watching", ["watched_post"]), ("tracking", []), ("normal", []), ("muted", [])],
)
def test_topic_levels_decide_about_other_peoples_replies(app_ctx, level, told):
    reader = make_user("mediator")
    topic = make_topic()
    _commit()
    services.set_watch_level(db.session, reader.id, "topic", topic.id, level)
    _commit()
    make_post(topic)
    _commit()
    assert kinds_of(reader) == told


@pytest.mark.parametrize(
    ("level", "on_topic", "on_reply"),
    [
        ("watching", ["new_topic"], ["watched_post"]),
        ("watching_first_post", ["new_topic"], []),
        ("tracking", [], []),
        ("normal", [], []),
        ("muted", [], []),
    ],
)
def test_category_levels(app_ctx, level, on_topic, on_reply):
    reader = make_user("mediator")
    category = make_category()
    _commit()
    services.set_watch_level(db.session, reader.id, "category", category.id, level)
    _commit()
    topic = make_topic(category=category)
    _commit()
    assert kinds_of(reader) == on_topic
    make_post(topic)
    _commit()
    assert kinds_of(reader) == on_topic + on_reply


def test_a_muted_topic_silences_even_a_reply_to_me_but_not_moderators(app_ctx):
    author, moderator = make_user("mediator"), make_user("trainer")
    topic = make_topic(author=author)
    _commit()
    services.set_watch_level(db.session, author.id, "topic", topic.id, "muted")
    _commit()
    reply = make_post(topic, body=f"@{services.handle(author.name)} δες")
    _commit()
    assert kinds_of(author) == []
    forums.move_topic(db.session, topic, actor=moderator, category=make_category())
    _commit()
    assert kinds_of(author) == ["topic_moved"]
    assert reply.id


def test_the_topics_own_level_wins_over_its_categorys(app_ctx):
    reader = make_user("mediator")
    category = make_category()
    topic = make_topic(category=category)
    _commit()
    services.set_watch_level(db.session, reader.id, "category", category.id, "muted")
    services.set_watch_level(db.session, reader.id, "topic", topic.id, "watching")
    _commit()
    make_post(topic)
    _commit()
    assert kinds_of(reader) == ["watched_post"]


def test_a_mention_tells_the_person_accent_and_case_insensitive(app_ctx):
    maria = make_user("mediator", name="Μαρία Παπαδοπούλου")
    john = make_user("mediator", name="John O'Brien-Smith")
    topic = make_topic()
    _commit()
    make_post(topic, body="Ρωτήστε την @ΜΑΡΙΑ_παπαδοπουλου και τον @john_o_brien-smith.")
    _commit()
    assert kinds_of(maria) == ["mention"]
    assert kinds_of(john) == ["mention"]


def test_a_mention_in_code_or_of_nobody_tells_nobody(app_ctx):
    maria = make_user("mediator", name="Μαρία Κ")
    topic = make_topic()
    _commit()
    make_post(topic, body="`@μαρια_κ` και @κανείς και email@μαρια_κ")
    _commit()
    assert kinds_of(maria) == []


def test_a_mention_of_someone_who_cannot_read_the_category_tells_nobody(app_ctx):
    mediator = make_user("mediator", name="Ελένη Μ")
    trainers_only = make_category(visible_to="trainer,admin")
    topic = make_topic(category=trainers_only)
    _commit()
    make_post(topic, author=make_user("trainer"), body="@ελενη_μ δες εδώ")
    _commit()
    assert kinds_of(mediator) == []


def test_a_mention_in_a_new_topic(app_ctx):
    maria = make_user("mediator", name="Μαρία Λ")
    make_topic(body="Καλησπέρα @μαρία_λ")
    _commit()
    assert kinds_of(maria) == ["mention"]


def test_a_quote_tells_the_quoted_author_once(app_ctx):
    author, quoted, replier = (make_user("mediator") for _ in range(3))
    topic = make_topic(author=author)
    make_post(topic, author=quoted, body="Κάτι σοφό")
    _commit()
    rows_before = len(rows_of(quoted))
    body = f"{quoted.name}:\n> Κάτι σοφό\n\nΣυμφωνώ."
    make_post(topic, author=replier, body=body)
    _commit()
    assert kinds_of(quoted)[rows_before:] == ["quote"]
    # The topic's author hears of the reply (not a quote of theirs).
    assert kinds_of(author)[-1] == "reply"


def test_reactions_are_grouped_on_one_unread_notification(app_ctx):
    author = make_user("mediator")
    topic = make_topic(author=author)
    _commit()
    post = forums.posts_by_id(db.session, [topic.last_post_id])[topic.last_post_id]
    fans = [make_user("mediator") for _ in range(4)]
    _commit()
    for fan in fans:
        forums.toggle_reaction(db.session, post, user=fan, kind="like")
        _commit()
    [row] = rows_of(author)
    assert (row.kind, row.actor_id, row.actor_count) == ("reaction", fans[-1].id, 4)
    page = services.notification_page(db.session, author)
    assert page.items[0].others == 3
    # Once read, a new reaction starts a new notification.
    services.mark_all_read(db.session, author)
    _commit()
    forums.toggle_reaction(db.session, post, user=fans[0], kind="heart")
    _commit()
    assert [r.actor_count for r in rows_of(author)] == [4, 1]


def test_my_post_hidden_tells_me_with_the_reason(app_ctx):
    author, moderator = make_user("mediator"), make_user("trainer")
    topic = make_topic()
    post = make_post(topic, author=author)
    _commit()
    forums.hide_post(db.session, post, actor=moderator, reason="Προσωπικά δεδομένα")
    _commit()
    row = rows_of(author)[-1]
    assert (row.kind, row.detail, row.target_type) == (
        "post_hidden",
        "Προσωπικά δεδομένα",
        "topic",
    )
    assert services.notification_page(db.session, author).items[0].detail == "Προσωπικά δεδομένα"


def test_my_report_resolved_tells_me(app_ctx):
    reporter, moderator = make_user("mediator"), make_user("trainer")
    topic = make_topic()
    post = make_post(topic)
    report = forums.report_post(db.session, post, reporter=reporter, reason="Λόγος")
    _commit()
    forums.resolve_report(db.session, report, actor=moderator, resolution="Το κρύψαμε")
    _commit()
    row = rows_of(reporter)[-1]
    assert (row.kind, row.detail, row.actor_id) == ("report_resolved", "Το κρύψαμε", moderator.id)
