"""The cache of rendered posts: whatever a post's HTML depends on changes it, tokens never leak."""

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, insert

from mediator_portal.accounts.models import User
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Topic
from mediator_portal.forums.views import post_cache
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

JSON = {"Accept": "application/json"}
TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]*)"')


@pytest.fixture
def thread(member, seed):
    """A topic whose second post was written by `author` (a signed-in mediator)."""
    author = member("mediator")

    def create():
        topic = make_topic(author=make_user("trainer"), body="Πρώτο")
        post = make_post(topic, author=account(author), body="Original words")
        return SimpleNamespace(topic=topic.id, post=post.id)

    return SimpleNamespace(author=author, **vars(seed(create)))


def article(browser, topic_id: int, number: int = 2, **query) -> str:
    """Post `number` as the topic page shows it to `browser`."""
    page = browser.get(f"/forums/t/{topic_id}", query_string=query).text
    match = re.search(rf'<article [^>]*id="post-{number}".*?</article>', page, re.S)
    assert match, page
    return match.group(0)


def change(seed, post_id: int, fn) -> None:
    seed(lambda: fn(db.session.get(Post, post_id)))


def without_tokens(html: str) -> str:
    """`html` with CSRF token values blanked: a token carries the second it was signed."""
    return TOKEN.sub('name="csrf_token" value=""', html)


def test_the_page_and_the_live_fragment_show_the_same_html(thread):
    browser = thread.author
    on_page = without_tokens(article(browser, thread.topic))
    live = browser.get(f"/forums/t/{thread.topic}/posts?number=2", headers=JSON).json
    assert without_tokens(live["posts"][0]["html"].strip()) == on_page
    again = without_tokens(article(browser, thread.topic))  # from the cache this time
    assert again == on_page


def test_an_edit_shows_at_once(thread, seed):
    assert "Original words" in article(thread.author, thread.topic)
    change(
        seed,
        thread.post,
        lambda post: services.edit_post(
            db.session, post=post, editor=db.session.get(User, post.author_id), body="Better words"
        ),
    )
    html = article(thread.author, thread.topic)
    assert "Better words" in html and "Original words" not in html
    assert "Edited" in html


def test_hiding_and_showing_again_change_the_post(thread, seed, member):
    reader, moderator = member("mediator"), member("trainer")
    assert "Original words" in article(reader, thread.topic)
    assert "Original words" in article(moderator, thread.topic)
    change(
        seed,
        thread.post,
        lambda post: services.hide_post(
            db.session, post, actor=make_user("admin"), reason="Personal data"
        ),
    )
    hidden = article(reader, thread.topic)
    assert "Original words" not in hidden and "hidden by a moderator" in hidden
    for_moderator = article(moderator, thread.topic)
    assert "Original words" in for_moderator and "Personal data" in for_moderator
    change(
        seed,
        thread.post,
        lambda post: services.unhide_post(db.session, post, actor=make_user("admin")),
    )
    assert "Original words" in article(reader, thread.topic)


def test_reactions_change_the_counts_and_only_the_reactor_sees_theirs_pressed(thread, seed, member):
    reader, other = member("mediator"), member("mediator")
    pressed = 'value="like" class="reaction" aria-pressed="true"'
    assert "data-count=" not in article(reader, thread.topic)  # only the reactions given show
    change(
        seed,
        thread.post,
        lambda post: services.toggle_reaction(db.session, post, user=account(reader), kind="like"),
    )
    assert pressed in article(reader, thread.topic)
    html = article(other, thread.topic)
    assert pressed not in html and 'data-count="1"' in html


@pytest.mark.parametrize("author_first", (True, False))
def test_the_author_and_another_member_see_their_own_actions(thread, member, author_first):
    other = member("mediator")
    order = [thread.author, other] if author_first else [other, thread.author]
    html = {id(browser): article(browser, thread.topic) for browser in order}
    mine, theirs = html[id(thread.author)], html[id(other)]
    assert "/edit" in mine and "/report" not in mine
    assert "/edit" not in theirs and "/report" in theirs


@pytest.mark.parametrize("moderator_first", (True, False))
def test_moderators_and_members_see_their_own_actions(thread, member, moderator_first):
    reader, moderator = member("mediator"), member("trainer")
    order = [moderator, reader] if moderator_first else [reader, moderator]
    html = {id(browser): article(browser, thread.topic) for browser in order}
    assert "/hide" in html[id(moderator)]
    assert "/hide" not in html[id(reader)]


def test_the_post_follows_the_interface_language(thread, member):
    browser = member("mediator")
    assert ">Quote<" in article(browser, thread.topic, lang="en")
    greek = article(browser, thread.topic, lang="el")
    assert ">Quote<" not in greek and ">Παράθεση<" in greek
    assert ">Quote<" in article(browser, thread.topic, lang="en")


def test_kept_posts_carry_no_csrf_token_and_the_page_carries_its_own(thread, member):
    first, second = member("mediator"), member("mediator")
    pages = [browser.get(f"/forums/t/{thread.topic}").text for browser in (first, second)]
    tokens = [set(TOKEN.findall(page)) for page in pages]
    assert all(len(found) == 1 for found in tokens), tokens  # the reply form and the post form
    assert not tokens[0] & tokens[1]
    for page in pages:
        articles = re.findall(r"<article .*?</article>", page, re.S)
        assert articles and not any("csrf_token" in html for html in articles)
        assert 'form="post-action-form"' in page and 'id="post-action-form"' in page
    live = second.get(f"/forums/t/{thread.topic}/posts?after=0", headers=JSON).json
    assert live["posts"] and not any("csrf_token" in post["html"] for post in live["posts"])


def test_a_reaction_submitted_through_the_page_form_works_without_javascript(thread, member):
    reader = member("mediator")
    page = reader.get(f"/forums/t/{thread.topic}").text
    token = TOKEN.search(page).group(1)
    post = article(reader, thread.topic)
    url = re.search(r'formaction="([^"]*/react)" name="kind" value="heart"', post).group(1)
    response = reader.post(url, data={"csrf_token": token, "kind": "heart"}, csrf=False)
    assert response.status_code == 302
    assert 'value="heart" class="reaction" aria-pressed="true"' in article(reader, thread.topic)


def test_the_cache_is_keyed_on_the_post_version_not_its_html(app, thread, seed):
    with app.app_context():
        post = db.session.get(Post, thread.post)
        assert post.version == 1
    change(
        seed,
        thread.post,
        lambda post: services.edit_post(
            db.session, post=post, editor=db.session.get(User, post.author_id), body="New"
        ),
    )
    with app.app_context():
        post = db.session.get(Post, thread.post)
        assert post.version == 2
    article(thread.author, thread.topic)
    keys = list(post_cache.cache._entries)  # noqa: SLF001 - what the cache holds
    assert keys and all(isinstance(key[1], int) for key in keys)
    assert not any("New" in str(part) for key in keys for part in key)


def test_the_cache_holds_at_most_its_byte_budget(app, thread, seed, member, monkeypatch):
    budget = 20_000  # two or three posts
    monkeypatch.setitem(app.config, "POST_CACHE_BYTES", budget)
    seed(lambda: [make_post(db.session.get(Topic, thread.topic)) for _ in range(6)])
    reader = member("mediator")
    reader.get(f"/forums/t/{thread.topic}")
    assert 0 < post_cache.cache.currsize <= budget
    assert reader.get(f"/forums/t/{thread.topic}").text.count("<article ") == 8


def test_no_post_is_kept_when_the_budget_is_zero(app, thread, member, monkeypatch):
    monkeypatch.setitem(app.config, "POST_CACHE_BYTES", 0)
    post_cache.cache.clear()
    html = article(member("mediator"), thread.topic)
    assert "Original words" in html
    assert post_cache.cache.currsize == 0


def test_two_moderators_changing_one_post_at_once_get_a_conflict_not_a_500(app, thread, member):
    first, second = member("trainer"), member("trainer")
    with app.app_context():
        stale = db.session.get(Post, thread.post)
        db.session.expunge(stale)
    first.post(f"/forums/p/{thread.post}/hide", data={"reason": "One"})
    with app.app_context():
        db.session.add(stale)  # loaded before the first change: its version is old
        stale.hidden_reason = "Two"
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            db.session.commit()
        db.session.rollback()
    html = article(second, thread.topic)
    assert "One" in html and "Two" not in html


def test_a_post_id_used_again_is_not_served_from_the_cache(thread, seed):
    """SQLite gives a deleted row's id to the next row; the key tells the two apart."""
    assert "Original words" in article(thread.author, thread.topic)

    def replace():
        post = db.session.get(Post, thread.post)
        values = {column.name: getattr(post, column.name) for column in Post.__table__.columns}
        db.session.execute(delete(Post).where(Post.id == post.id))
        values.update(body="Other", body_html="<p>Other words</p>", created_at=utcnow())
        db.session.execute(insert(Post).values(**values))  # same id, same version

    seed(replace)
    html = article(thread.author, thread.topic)
    assert "Other words" in html and "Original words" not in html


def test_a_post_changed_during_a_request_answers_409_not_500(app, thread, member, monkeypatch):
    """Another request changes the post between this one's read and its write."""
    from mediator_portal.forums.services import moderation

    original = moderation.clean_reason

    def changed_meanwhile(reason):
        with db.engine.begin() as other:  # another connection, another request
            other.execute(
                Post.__table__.update()
                .where(Post.id == thread.post)
                .values(version=Post.version + 1, hidden_reason="Other")
            )
        return original(reason)

    monkeypatch.setattr(moderation, "clean_reason", changed_meanwhile)
    moderator = member("trainer")
    response = moderator.post(f"/forums/p/{thread.post}/hide?lang=en", data={"reason": "Mine"})
    assert response.status_code == 409
    assert "changed by someone else" in response.text
    with app.app_context():
        assert db.session.get(Post, thread.post).hidden is False


def test_a_draft_for_a_topic_deleted_meanwhile_answers_409_not_500(app, thread, monkeypatch):
    """The topic goes between the draft request's read and its write (foreign key)."""
    from mediator_portal.forums.services import drafts

    original = drafts.storable

    def topic_deleted_meanwhile(text):
        with db.engine.begin() as other:
            other.execute(Topic.__table__.delete().where(Topic.id == thread.topic))
        return original(text)

    monkeypatch.setattr(drafts, "storable", topic_deleted_meanwhile)
    response = thread.author.post(
        f"/forums/drafts/topic/{thread.topic}",
        json={"body": "κείμενο"},
        headers={"X-CSRFToken": thread.author.csrf_token()},
        csrf=False,
    )
    assert response.status_code == 409 and response.json["code"] == "conflict"


def _delete_topic(topic_id: int) -> None:
    with db.engine.begin() as other:
        other.execute(Topic.__table__.delete().where(Topic.id == topic_id))


def test_live_posts_for_a_topic_deleted_while_marked_read_are_answered(thread, monkeypatch):
    """The topic goes while the live fragment notes what was read (a side write that commits):
    the read position is given up, the answer already made is sent."""
    from mediator_portal.forums.views import live

    original = live.record_reading

    def deleted_meanwhile(topic, number):
        _delete_topic(thread.topic)
        return original(topic, number)

    monkeypatch.setattr(live, "record_reading", deleted_meanwhile)
    response = thread.author.get(f"/forums/t/{thread.topic}/posts?after=0&mark=1", headers=JSON)
    assert response.status_code == 200, response.status_code
    assert [post["number"] for post in response.json["posts"]] == [1, 2]


def test_a_row_deleted_meanwhile_answers_404_not_500(thread, monkeypatch):
    """Whatever a request reads again after another deleted it is gone: 404 with a message."""
    from mediator_portal.forums.services import post_display

    original = post_display.posts_after

    def deleted_and_read_again(session, topic, **kwargs):
        _delete_topic(thread.topic)
        session.expire(topic)
        return original(session, topic, **kwargs)

    monkeypatch.setattr(post_display, "posts_after", deleted_and_read_again)
    response = thread.author.get(f"/forums/t/{thread.topic}/posts?after=0", headers=JSON)
    assert response.status_code == 404 and response.json["code"] == "not_found"
