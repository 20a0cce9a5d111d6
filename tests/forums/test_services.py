"""The message board's rules, called directly: visibility, posting, editing, deleting."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import BODY_MAX, PostRevision
from tests.factories import make_user
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

ROLES = ("mediator", "supervisor", "trainer", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_restricted_category_is_visible_only_to_its_roles(app_ctx, role):
    category = make_category(visible_to="trainer,admin")
    user = make_user(role)
    assert services.can_view_category(user, category) is (role in ("trainer", "admin"))
    visible = services.visible_categories(db.session, user)
    assert (category in visible) is (role in ("trainer", "admin"))
    if role in ("mediator", "supervisor"):
        with pytest.raises(services.NotFound):
            services.get_category(db.session, user, category.id)


@pytest.mark.parametrize("role", ROLES)
def test_only_chosen_roles_start_topics(app_ctx, role):
    category = make_category(can_start_topics="trainer,admin")
    user = make_user(role)
    if role in ("trainer", "admin"):
        assert make_topic(category, author=user).category_id == category.id
    else:
        with pytest.raises(services.NotAllowed):
            make_topic(category, author=user)


def test_replies_are_numbered_and_counted(app_ctx):
    topic = make_topic(body="first")
    first_post_id = topic.last_post_id
    replies = [make_post(topic, body=f"reply {i}") for i in range(3)]
    assert [post.number for post in replies] == [2, 3, 4]
    db.session.refresh(topic)
    db.session.refresh(topic.category)
    assert (topic.last_number, topic.reply_count, topic.last_post_id) == (4, 3, replies[-1].id)
    assert topic.last_poster_id == replies[-1].author_id
    assert (topic.category.topic_count, topic.category.post_count) == (1, 4)
    assert topic.category.last_topic_id == topic.id
    assert first_post_id != replies[-1].id


def test_a_locked_topic_refuses_replies_but_not_from_moderators(app_ctx):
    topic = make_topic()
    services.set_locked(db.session, topic, actor=make_user("trainer"), locked=True)
    with pytest.raises(services.TopicLocked) as caught:
        make_post(topic, author=make_user("mediator"))
    assert caught.value.status == 403 and str(caught.value.message)
    assert make_post(topic, author=make_user("admin")).number == 2


def test_an_archived_category_takes_nothing_new(app_ctx):
    category = make_category()
    topic = make_topic(category)
    category.archived = True
    with pytest.raises(services.CategoryClosed):
        make_post(topic)
    with pytest.raises(services.CategoryClosed):
        make_topic(category)


def test_replying_to_a_topic_of_a_hidden_category_is_not_found(app_ctx):
    topic = make_topic(make_category(visible_to="trainer,admin"))
    with pytest.raises(services.NotFound):
        make_post(topic, author=make_user("mediator"))


def test_hidden_topic_is_invisible_to_members(app_ctx):
    topic = make_topic()
    services.hide_topic(db.session, topic, actor=make_user("trainer"), reason="spam")
    mediator = make_user("mediator")
    assert not services.can_view_topic(mediator, topic)
    assert services.can_view_topic(make_user("trainer"), topic)
    with pytest.raises(services.NotFound):
        services.get_topic(db.session, mediator, topic.id)
    with pytest.raises(services.NotFound):
        make_post(topic, author=mediator)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", services.EmptyPost),
        ("   \n\t  ", services.EmptyPost),
        ("x" * (BODY_MAX + 1), services.PostTooLong),
    ],
)
def test_bad_bodies_are_refused(app_ctx, body, error):
    topic = make_topic()
    with pytest.raises(error):
        make_post(topic, body=body)
    with pytest.raises(error):
        make_topic(body=body)


@pytest.mark.parametrize(
    ("title", "error"),
    [("", services.EmptyTitle), ("  ", services.EmptyTitle), ("x" * 201, services.TitleTooLong)],
)
def test_bad_titles_are_refused(app_ctx, title, error):
    with pytest.raises(error):
        make_topic(title=title)


def test_a_body_at_the_limit_with_windows_line_ends_is_accepted(app_ctx):
    body = ("x" * 98 + "\r\n") * (BODY_MAX // 99)
    post = make_post(make_topic(), body=body)
    assert "\r" not in post.body and len(post.body) <= BODY_MAX


def test_editing_keeps_every_earlier_version(app_ctx):
    author = make_user("mediator")
    topic = make_topic(author=author, body="version 1")
    post = db.session.get(services.pages.Post, topic.last_post_id)
    services.edit_post(db.session, post=post, editor=author, body="version 2")
    services.edit_post(db.session, post=post, editor=author, body="version 3", title="New title")
    services.edit_post(db.session, post=post, editor=author, body="version 3")  # unchanged
    history = services.revisions(db.session, post)
    assert [revision.body for revision in history] == ["version 1", "version 2"]
    assert history[0].written_at == post.created_at
    assert history[1].written_at == history[0].edited_at
    assert all(revision.editor_id == author.id for revision in history)
    assert post.body == "version 3" and "version 3" in post.body_html
    assert topic.title == "New title"
    assert db.session.query(PostRevision).count() == 2


def test_only_the_author_edits_and_deletes(app_ctx):
    author, other, trainer = make_user("mediator"), make_user("mediator"), make_user("trainer")
    post = make_post(make_topic(), author=author)
    for someone in (other, trainer):
        with pytest.raises(services.NotAllowed):
            services.edit_post(db.session, post=post, editor=someone, body="changed")
        with pytest.raises(services.NotAllowed):
            services.delete_post(db.session, post=post, actor=someone)


def test_delete_is_soft_and_stops_edits(app_ctx):
    author = make_user("mediator")
    post = make_post(make_topic(), author=author)
    services.delete_post(db.session, post=post, actor=author)
    assert post.deleted_at is not None and post.body
    with pytest.raises(services.PostUnavailable):
        services.edit_post(db.session, post=post, editor=author, body="again")
    with pytest.raises(services.NotAllowed):
        services.delete_post(db.session, post=post, actor=author)


def test_replying_publishes_ids_only_after_commit(app_ctx, monkeypatch):
    sent = []
    monkeypatch.setattr(
        "mediator_portal.realtime.socketio.emit",
        lambda event, data, to=None, namespace=None: sent.append((event, data, to)),
    )
    topic = make_topic()
    post = make_post(topic)
    assert sent == []
    db.session.commit()
    assert (
        "post_created",
        {"topic_id": topic.id, "post_id": post.id, "number": 2},
        f"topic:{topic.id}",
    ) in sent
    assert any(
        event == "topic_activity" and to == f"category:{topic.category_id}"
        for event, _d, to in sent
    )


def test_room_names():
    assert services.topic_room(7) == "topic:7"
    assert services.category_room(3) == "category:3"
