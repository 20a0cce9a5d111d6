"""Board pages served from the page cache: whatever anyone changes shows on the next view.

Each test lets a reader see a page until it comes from the cache, has someone else change
something through the app's own routes, and checks the reader's next view.
"""

import re
from types import SimpleNamespace

import pytest

from mediator_portal import page_cache
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Topic
from mediator_portal.fragments import CSRF_SLOT
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]*)"')


def view(browser, url: str) -> tuple[str, bool]:
    """(the page at `url`, whether it came from the page cache)."""
    hits = page_cache.stats.hits
    response = browser.get(url)
    assert response.status_code == 200, url
    return response.text, page_cache.stats.hits > hits


def kept(browser, url: str) -> str:
    """The page at `url` once it comes from the cache (a first view may write a read position)."""
    for _ in range(3):
        html, hit = view(browser, url)
        if hit:
            return html
    raise AssertionError(f"{url} never came from the page cache")


@pytest.fixture
def board(member, seed):
    """A category with a topic of two posts, a reader, the author of the reply, a moderator."""
    reader, author, moderator = member("mediator"), member("mediator"), member("trainer")

    def create():
        category = make_category(name_en="Exchange")
        other = make_category(name_en="Networking")
        topic = make_topic(category, author=make_user("trainer"), title="Glossaries", body="One")
        reply = make_post(topic, author=account(author), body="Original words")
        return SimpleNamespace(category=category.id, other=other.id, topic=topic.id, reply=reply.id)

    ids = seed(create)
    urls = SimpleNamespace(
        index="/forums/", category=f"/forums/c/{ids.category}", topic=f"/forums/t/{ids.topic}"
    )
    return SimpleNamespace(
        reader=reader, author=author, moderator=moderator, urls=urls, **vars(ids)
    )


def test_a_second_view_comes_from_the_cache_with_the_viewers_own_token(board):
    for url in vars(board.urls).values():
        first = kept(board.reader, url)
        again, hit = view(board.reader, url)
        assert hit
        assert TOKEN.sub("", again) == TOKEN.sub("", first)
        assert CSRF_SLOT not in again
        assert len(set(TOKEN.findall(again))) == 1


def test_nobody_is_served_another_persons_page(board):
    mine = kept(board.reader, board.urls.topic)
    theirs = kept(board.author, board.urls.topic)
    assert not set(TOKEN.findall(mine)) & set(TOKEN.findall(theirs))
    assert f'data-user-id="{board.reader.user.id}"' in mine
    assert f'data-user-id="{board.author.user.id}"' in theirs
    assert "/edit" in theirs and "/edit" not in mine


def test_a_reply_shows_on_every_page(board):
    for url in vars(board.urls).values():
        kept(board.reader, url)
    board.author.post(f"/forums/t/{board.topic}/reply", data={"body": "Fresh reply"})
    index, hit = view(board.reader, board.urls.index)
    assert not hit and "1 topic with new posts" in index and "3 posts" in index
    category, _ = view(board.reader, board.urls.category)
    assert "2 replies" in category and "has-unread" in category
    topic, _ = view(board.reader, board.urls.topic)
    assert "Fresh reply" in topic


def test_an_edit_a_delete_and_a_reaction_show_at_once(board):
    kept(board.reader, board.urls.topic)
    board.author.post(f"/forums/p/{board.reply}/edit", data={"body": "Better words"})
    html, hit = view(board.reader, board.urls.topic)
    assert not hit and "Better words" in html and "Original words" not in html
    kept(board.reader, board.urls.topic)
    board.moderator.post(f"/forums/p/{board.reply}/react", data={"kind": "idea"})
    assert re.search(
        r'value="idea".*?data-count="1"', view(board.reader, board.urls.topic)[0], re.S
    )
    kept(board.reader, board.urls.topic)
    board.author.post(f"/forums/p/{board.reply}/delete")
    html, _ = view(board.reader, board.urls.topic)
    assert "Better words" not in html and "deleted" in html


def test_moderation_shows_at_once(board):
    for url in vars(board.urls).values():
        kept(board.reader, url)
    board.moderator.post(f"/forums/p/{board.reply}/hide", data={"reason": "Personal data"})
    html, _ = view(board.reader, board.urls.topic)
    assert "Original words" not in html and "hidden by a moderator" in html
    board.moderator.post(f"/forums/t/{board.topic}/lock", data={"value": "1"})
    html, _ = view(board.reader, board.urls.topic)
    assert (
        "This topic is locked" in html and 'action="/forums/t/' not in html.split('id="reply"')[1]
    )
    kept(board.reader, board.urls.category)
    board.moderator.post(f"/forums/t/{board.topic}/move", data={"category": board.other})
    assert "Glossaries" not in view(board.reader, board.urls.category)[0]
    assert "Glossaries" in view(board.reader, f"/forums/c/{board.other}")[0]


def test_hiding_a_topic_takes_it_from_the_readers_cached_pages(board):
    kept(board.reader, board.urls.topic)
    kept(board.reader, board.urls.category)
    board.moderator.post(f"/forums/t/{board.topic}/hide", data={"reason": "Personal data"})
    assert board.reader.get(board.urls.topic).status_code == 404
    assert "Glossaries" not in view(board.reader, board.urls.category)[0]


def test_a_renamed_category_and_a_renamed_author_show_at_once(board, member, seed):
    kept(board.reader, board.urls.index)
    kept(board.reader, board.urls.topic)
    seed(lambda: setattr(db.session.get(Topic, board.topic).category, "name_en", "Know-how"))
    assert "Know-how" in view(board.reader, board.urls.index)[0]
    assert "Know-how" in view(board.reader, board.urls.topic)[0]
    kept(board.reader, board.urls.topic)
    board.author.post(
        "/account/profile", data={"name": "Ελένη Παππά", "languages": ["el"], "locale": "en"}
    )
    assert "Ελένη Παππά" in view(board.reader, board.urls.topic)[0]


def test_the_viewers_own_reading_and_draft_show_at_once(board):
    index = kept(board.reader, board.urls.index)
    kept(board.reader, board.urls.topic)  # read to the end
    assert view(board.reader, board.urls.index)[0] != index  # no longer unread
    kept(board.reader, board.urls.index)
    saved = board.reader.post(
        f"/forums/drafts/topic/{board.topic}", data={"body": "Half a thought"}
    )
    assert saved.status_code == 200
    assert "Half a thought" in view(board.reader, board.urls.topic)[0]


def test_someone_elses_reading_keeps_the_readers_pages(board):
    kept(board.reader, board.urls.index)
    kept(board.author, board.urls.topic)  # writes the author's read position
    assert view(board.reader, board.urls.index)[1]


def test_a_new_topic_shows_on_the_category_list_and_its_category(board):
    kept(board.reader, board.urls.index)
    kept(board.reader, board.urls.category)
    board.author.post(
        f"/forums/c/{board.category}/new", data={"title": "Interpreting at hospitals", "body": "x"}
    )
    assert "Interpreting at hospitals" in view(board.reader, board.urls.index)[0]
    assert "Interpreting at hospitals" in view(board.reader, board.urls.category)[0]


def test_a_flash_message_is_shown_once_and_such_a_page_is_not_kept(board):
    kept(board.reader, board.urls.index)
    response = board.reader.post("/forums/read", follow_redirects=True)
    assert "Everything is marked as read." in response.text
    assert "Everything is marked as read." not in view(board.reader, board.urls.index)[0]


def test_pages_follow_the_interface_language(board):
    english = kept(board.reader, board.urls.topic + "?lang=en")
    assert ">Quote<" in english
    greek, _ = view(board.reader, board.urls.topic + "?lang=el")
    assert ">Παράθεση<" in greek and ">Quote<" not in greek
    remembered, _ = view(board.reader, board.urls.topic)  # the browser keeps Greek now
    assert ">Παράθεση<" in remembered and ">Quote<" not in remembered
    assert ">Quote<" in view(board.reader, board.urls.topic + "?lang=en")[0]


def test_errors_are_never_kept(board):
    for _ in range(2):
        assert board.reader.get(f"{board.urls.topic}?page=9").status_code == 404
        assert board.reader.get("/forums/t/999999").status_code == 404


def test_no_page_is_kept_when_the_cache_is_off(board, app):
    app.config["PAGE_CACHE_BYTES"] = 0
    try:
        for _ in range(3):
            assert not view(board.reader, board.urls.topic)[1]
    finally:
        app.config["PAGE_CACHE_BYTES"] = 64 * 1024 * 1024


# Read on every request, before the view: the login session and its account, and the tokens.
BEFORE_THE_PAGE = {"login_sessions", "users", "table_revisions"}
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def tables_read(statements: list[str]) -> set[str]:
    return {name for statement in statements for name in TABLE.findall(statement)}


@pytest.mark.parametrize("role", ("mediator", "trainer"))
def test_every_table_a_kept_page_reads_is_one_it_is_kept_by(
    board, member, seed, count_queries, app, role
):
    """A table a page reads but does not declare would leave the page stale when it changes."""
    viewer = member(role)

    def create():
        topic = db.session.get(Topic, board.topic)
        mine = make_post(topic, author=account(viewer), body="Mine")
        services.edit_post(db.session, post=mine, editor=account(viewer), body="Mine, edited")
        hidden = make_post(topic, body="Hidden")
        services.toggle_reaction(db.session, hidden, user=make_user("admin"), kind="like")
        services.hide_post(db.session, hidden, actor=make_user("admin"), reason="Personal data")
        services.save_draft(db.session, account(viewer), topic=topic, title="", body="Draft")

    seed(create)
    urls = {
        "forums.index": board.urls.index,
        "forums.category": board.urls.category,
        "forums.topic": board.urls.topic + f"?quote={board.reply}",
    }
    kept_endpoints = {
        endpoint for endpoint, fn in app.view_functions.items() if hasattr(fn, "page_tables")
    }
    assert kept_endpoints == set(urls)  # a new kept page is added to this test
    for endpoint, url in urls.items():
        declared = {table.__tablename__ for table in app.view_functions[endpoint].page_tables}
        viewer.get(url)
        page_cache.pages.clear()
        with count_queries() as statements:
            assert viewer.get(url).status_code == 200
        assert tables_read(statements) - BEFORE_THE_PAGE <= declared, endpoint
