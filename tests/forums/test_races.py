"""One member, many tabs, the same request at the same instant, against the running server:
no 5xx, one row per person and thing, and the same form sent twice makes one post.
(Threads against the live server; on SQLite and on PostgreSQL.)"""

import re
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
import requests
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.forums.models import Draft, Post, Reaction, TopicRead
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.forums.factories import bulk_posts, make_category, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

TABS = 20
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


@pytest.fixture
def member(app, live_server):
    """A signed-in `requests` session of a new mediator, its CSRF token and user id, and a
    topic of 30 posts."""
    with app.app_context():
        user = make_user("mediator")
        topic = make_topic(make_category(), author=user)
        bulk_posts(topic, [user], 29)
        db.session.commit()
        user_id, email, topic_id = user.id, user.email, topic.id
    session = requests.Session()
    login = session.get(f"{live_server.url}/auth/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    signed_in = session.post(
        f"{live_server.url}/auth/login",
        data={"csrf_token": token, "email": email, "password": DEFAULT_PASSWORD},
        allow_redirects=False,
    )
    assert signed_in.status_code == 302
    page = session.get(f"{live_server.url}/forums/t/{topic_id}?page=2")
    csrf = TOKEN.search(page.text).group(1)
    return session, csrf, user_id, topic_id


def at_once(count: int, send) -> list[requests.Response]:
    """`send(i)` from `count` threads released at the same instant."""
    barrier = Barrier(count)

    def go(number):
        barrier.wait()
        return send(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(go, range(count)))


def statuses(responses) -> list[int]:
    return sorted({response.status_code for response in responses})


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_draft_saves_at_once_leave_one_draft_with_one_of_the_texts(app, live_server, member):
    session, csrf, user_id, topic_id = member
    url = f"{live_server.url}/forums/drafts/topic/{topic_id}"
    headers = {"X-CSRFToken": csrf}
    responses = at_once(
        TABS, lambda n: session.post(url, json={"body": f"κείμενο {n}"}, headers=headers)
    )
    assert statuses(responses) == [200]
    assert count(app, Draft, Draft.user_id == user_id) == 1
    assert session.get(url).json()["body"] in {f"κείμενο {n}" for n in range(TABS)}


@pytest.mark.parametrize("state", ["on", None], ids=["set", "toggle"])
def test_reactions_at_once_leave_at_most_one_row(app, live_server, member, state):
    session, csrf, user_id, topic_id = member
    with app.app_context():
        post_id = db.session.scalar(select(Post.id).where(Post.topic_id == topic_id).limit(1))
    form = {"kind": "like", **({"state": state} if state else {})}
    responses = at_once(
        TABS,
        lambda _n: session.post(
            f"{live_server.url}/forums/p/{post_id}/react",
            data=form,
            headers={"X-CSRFToken": csrf, "Accept": "application/json"},
        ),
    )
    assert statuses(responses) == [200]
    rows = count(app, Reaction, Reaction.user_id == user_id, Reaction.post_id == post_id)
    assert rows == 1 if state == "on" else rows <= 1
    if state == "on":
        assert all(response.json()["on"] for response in responses)


def test_reading_a_topic_in_many_tabs_at_once_keeps_one_read_position(app, live_server, member):
    session, _csrf, user_id, topic_id = member
    with app.app_context():
        db.session.execute(TopicRead.__table__.delete())
        db.session.commit()
    pages = [f"{live_server.url}/forums/t/{topic_id}?page={1 + n % 2}" for n in range(TABS)]
    responses = at_once(TABS, lambda n: session.get(pages[n]))
    assert statuses(responses) == [200]
    with app.app_context():
        rows = db.session.scalars(select(TopicRead).where(TopicRead.user_id == user_id)).all()
        assert len(rows) == 1 and rows[0].last_read_number == 30  # the furthest read wins


def test_the_same_reply_sent_at_once_makes_one_post(app, live_server, member):
    session, csrf, user_id, topic_id = member
    form = {"csrf_token": csrf, "body": "Μία φορά μόνο", "idempotency_key": "k" * 32}
    responses = at_once(
        TABS,
        lambda _n: session.post(
            f"{live_server.url}/forums/t/{topic_id}/reply", data=form, allow_redirects=False
        ),
    )
    assert statuses(responses) == [302]
    assert len({response.headers["Location"] for response in responses}) == 1  # the same post
    assert count(app, Post, Post.author_id == user_id, Post.body == "Μία φορά μόνο") == 1
    again = session.post(
        f"{live_server.url}/forums/t/{topic_id}/reply", data=form, allow_redirects=False
    )
    assert again.headers["Location"] == responses[0].headers["Location"]
    other = session.post(
        f"{live_server.url}/forums/t/{topic_id}/reply",
        data={**form, "idempotency_key": "z" * 32},
        allow_redirects=False,
    )
    assert other.status_code == 302 and other.headers["Location"] != again.headers["Location"]
