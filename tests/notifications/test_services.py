"""notify's rules: fixed statements whatever the number of watchers, access checked when
made and again when shown, the unread count, marking read, the e-mail seam."""

import pytest
from sqlalchemy import select, update

from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.forums.models import Category
from mediator_portal.notifications import services
from mediator_portal.notifications.models import Notification
from mediator_portal.notifications.services import Target
from tests.factories import make_user
from tests.forums.factories import make_category, make_post, make_topic
from tests.notifications.helpers import kinds_of, rows_of

pytestmark = pytest.mark.database


def _watched_topic(watchers: int):
    category = make_category()
    topic = make_topic(category=category)
    people = [make_user("mediator") for _ in range(watchers)]
    db.session.commit()
    for person in people:
        services.set_watch_level(db.session, person.id, "topic", topic.id, "watching")
    db.session.commit()
    return topic, people


def _statements_of_a_reply(count_queries, watchers: int) -> tuple[int, int]:
    topic, people = _watched_topic(watchers)
    replier = make_user("mediator")
    db.session.commit()
    with count_queries() as statements:
        make_post(topic, author=replier)
        db.session.commit()
    notified = db.session.scalar(
        select(db.func.count()).select_from(Notification).where(Notification.kind == "watched_post")
    )
    return len(statements), notified


def test_a_reply_watched_by_36_members_costs_what_one_watcher_costs(app_ctx, count_queries):
    few, notified_few = _statements_of_a_reply(count_queries, 1)
    db.session.execute(update(Notification).values(kind="old"))
    db.session.commit()
    many, notified_many = _statements_of_a_reply(count_queries, 36)
    assert (notified_few, notified_many) == (1, 36)
    assert many == few
    assert many <= 40


def test_notify_skips_the_actor_the_inactive_and_those_who_cannot_read(app_ctx):
    actor, reader = make_user("trainer"), make_user("mediator")
    gone = make_user("mediator", active=False)
    mediator_blind = make_category(visible_to="trainer,admin")
    topic = make_topic(category=mediator_blind, author=actor)
    other = make_user("trainer")
    db.session.commit()
    ids = services.notify(
        db.session,
        [actor.id, reader.id, gone.id, other.id],
        "mention",
        Target("topic", topic.id),
        actor,
    )
    db.session.commit()
    assert len(ids) == 1
    assert kinds_of(other) == ["mention"]
    assert kinds_of(reader) == kinds_of(gone) == kinds_of(actor) == []


def test_notify_about_a_target_that_does_not_exist_makes_nothing(app_ctx):
    person = make_user("mediator")
    db.session.commit()
    assert services.notify(db.session, [person.id], "mention", Target("topic", 999999)) == []
    assert services.notify(db.session, [person.id], "mention", Target("nothing", 1)) == []


@pytest.mark.parametrize("loss", ["category_restricted", "topic_hidden", "role_changed"])
def test_a_notification_is_not_shown_once_its_reader_lost_access(app_ctx, loss):
    reader, moderator = make_user("mediator"), make_user("trainer")
    category = make_category()
    topic = make_topic(category=category, author=reader)
    make_post(topic, body="Απάντηση")
    db.session.commit()
    assert [item.kind for item in services.notification_page(db.session, reader).items] == ["reply"]
    [row] = rows_of(reader)
    if loss == "category_restricted":
        db.session.execute(
            update(Category).where(Category.id == category.id).values(visible_to="trainer,admin")
        )
    elif loss == "topic_hidden":
        forums.hide_topic(db.session, topic, actor=moderator, reason="Κλειστό")
    else:
        category.visible_to = "mediator"
        db.session.flush()
        reader.role = "supervisor"
    db.session.commit()
    db.session.expire_all()
    assert services.notification_page(db.session, reader).items == []
    with pytest.raises(services.NotFound):
        services.open_notification(db.session, reader, row.id)
    assert services.immediate_email(db.session, row.id) is None
    # The list leaves it out of the unread count once it found it unreadable.
    page = services.notification_page(db.session, reader)
    assert page.lost_unread == (row.id,)
    services.mark_lost_read(db.session, reader, page.lost_unread)
    db.session.commit()
    assert services.unread_count(db.session, reader) == 0


def test_unread_count_and_marking_read(app_ctx):
    author = make_user("mediator")
    topic = make_topic(author=author)
    for _ in range(3):
        make_post(topic)
    db.session.commit()
    assert services.unread_count(db.session, author) == 3
    first = rows_of(author)[0]
    services.mark_read(db.session, author, first.id)
    db.session.commit()
    assert services.unread_count(db.session, author) == 2
    with pytest.raises(services.NotFound):
        services.mark_read(db.session, make_user("mediator"), first.id)
    assert services.mark_all_read(db.session, author) == 2
    db.session.commit()
    assert services.unread_count(db.session, author) == 0


def test_the_list_filters_by_kind_and_pages(app_ctx):
    author = make_user("mediator")
    topic = make_topic(author=author)
    for _ in range(services.PER_PAGE + 1):
        make_post(topic)
    db.session.commit()
    make_post(topic, body=f"@{services.handle(author.name)}")
    db.session.commit()
    first = services.notification_page(db.session, author)
    assert (first.pages, first.total, len(first.items)) == (2, services.PER_PAGE + 2, 20)
    assert first.items[0].kind == "mention"  # newest first
    mentions = services.notification_page(db.session, author, kind="mention")
    assert [item.kind for item in mentions.items] == ["mention"]
    with pytest.raises(services.NotFound):
        services.notification_page(db.session, author, page=3)


def test_preferences_defaults_and_changes(app_ctx):
    person = make_user("mediator")
    db.session.commit()
    defaults = services.preferences(db.session, person.id)
    assert defaults.deliveries["mention"] == defaults.deliveries["reply"] == "immediately"
    assert defaults.deliveries["watched_post"] == defaults.deliveries["new_topic"] == "digest"
    assert (defaults.digest_hour, defaults.paused) == (7, False)
    services.save_preferences(
        db.session, person.id, {**defaults.deliveries, "mention": "never"}, 18, 3
    )
    db.session.commit()
    changed = services.preferences(db.session, person.id)
    assert (changed.deliveries["mention"], changed.digest_hour, changed.paused) == (
        "never",
        18,
        True,
    )
    with pytest.raises(ValueError, match="unknown"):
        services.save_preferences(db.session, person.id, {"mention": "sometimes"}, 7, 0)


def test_the_email_seam_follows_preferences(app_ctx):
    author = make_user("mediator")
    category = make_category(sensitive=True)
    topic = make_topic(category=category, author=author)
    make_post(topic, body="Μυστικό κείμενο")
    db.session.commit()
    [row] = rows_of(author)
    email = services.immediate_email(db.session, row.id)
    assert (email.kind, email.email, email.sensitive) == ("reply", author.email, True)
    assert services.digest_items(db.session, author, None) == []  # replies go immediately
    prefs = services.preferences(db.session, author.id)
    services.save_preferences(db.session, author.id, {**prefs.deliveries, "reply": "digest"}, 7, 0)
    db.session.commit()
    assert services.immediate_email(db.session, row.id) is None
    assert [item.id for item in services.digest_items(db.session, author, None)] == [row.id]
    services.save_preferences(db.session, author.id, {**prefs.deliveries, "reply": "digest"}, 7, 2)
    db.session.commit()
    assert services.digest_items(db.session, author, None) == []  # paused
