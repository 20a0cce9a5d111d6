"""Hostile input never becomes active HTML: not in what `render_markdown` returns, not in
what is stored, not in the topic page that shows it."""

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import insert, select

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.forums.models import Post, Topic
from mediator_portal.text import render_markdown
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_topic
from tests.forums.hostile_inputs import BLNS, HOSTILE, problems_in

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

POST_BODY = re.compile(r'<div class="post-body user-content" dir="auto">(.*?)</div>', re.S)
PAGE_BANNED = {"iframe", "frame", "object", "embed", "svg", "math", "style", "applet", "base"}


def test_the_corpus_is_big_enough():
    assert len(HOSTILE) >= 200
    assert len(BLNS) > 400


@pytest.mark.parametrize("source", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_renders_safe(source):
    assert problems_in(render_markdown(source)) == []


def test_naughty_strings_render_safe():
    failures = {s: problems_in(render_markdown(s)) for s in BLNS}
    assert {s: p for s, p in failures.items() if p} == {}


class PageScripts(HTMLParser):
    """Every <script> of a page, with its src and whether it has inline content."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str | None] = []
        self.inline = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline = True


def assert_page_safe(html: str) -> int:
    """Check a whole page; returns how many post bodies it held."""
    bodies = POST_BODY.findall(html)
    for body in bodies:
        assert problems_in(body) == [], body
    assert problems_in(html, banned_elements=PAGE_BANNED) == []
    scripts = PageScripts()
    scripts.feed(html)
    assert not scripts.inline
    assert all(src and src.startswith("/static/") for src in scripts.scripts)
    return len(bodies)


def test_topic_pages_show_the_whole_corpus_safely(seed, logged_in):
    browser = logged_in("mediator")
    corpus = HOSTILE + BLNS

    def create():
        topic = make_topic(make_category(), title="<script>alert(1)</script> τίτλος")
        now = utcnow()
        first = topic.last_number + 1
        rows = [
            {
                "topic_id": topic.id,
                "author_id": topic.author_id,
                "number": first + i,
                "body": source.replace("\x00", "\ufffd"),  # as the services store it
                "body_html": render_markdown(source),
                "created_at": now,
                "hidden": False,
            }
            for i, source in enumerate(corpus)
        ]
        db.session.execute(insert(Post), rows)
        topic.last_number += len(rows)
        return topic.id, topic.category_id

    topic_id, category_id = seed(create)
    seen, page = 0, 1
    while True:
        response = browser.get(f"/forums/t/{topic_id}?page={page}")
        if response.status_code == 404:
            break
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text
        seen += assert_page_safe(response.text)
        page += 1
    assert seen == len(corpus) + 1
    for url in ("/forums/", f"/forums/c/{category_id}"):
        assert_page_safe(browser.get(url).text)


@pytest.mark.parametrize("source", HOSTILE[::12], ids=range(len(HOSTILE[::12])))
def test_posted_hostile_text_is_stored_safe(app, seed, logged_in, source):
    browser = logged_in("mediator")
    topic_id = seed(lambda: make_topic(make_category()).id)
    response = browser.post(f"/forums/t/{topic_id}/reply", data={"body": source})
    assert response.status_code in (302, 422)
    with app.app_context():
        stored = db.session.scalars(select(Post.body_html).where(Post.topic_id == topic_id)).all()
    assert all(problems_in(html) == [] for html in stored)


def test_hostile_title_is_escaped(seed, logged_in):
    browser = logged_in("mediator")

    def create():
        user = account(browser)
        topic = make_topic(make_category(), author=user, title='"><img src=x onerror=alert(1)>')
        return db.session.get(Topic, topic.id).id

    topic_id = seed(create)
    html = browser.get(f"/forums/t/{topic_id}").text
    assert "<img src=x onerror" not in html
    assert_page_safe(html)
