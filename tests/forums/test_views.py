"""The board's pages through HTTP: who sees what, posting, errors that keep the text."""

import pytest
from sqlalchemy import select

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import BODY_MAX, Post, PostRevision, Topic
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import bulk_posts, make_category, make_post, make_topic

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

ROLES = ("mediator", "supervisor", "trainer", "admin")


@pytest.fixture
def board(seed):
    """An open category with one topic of two posts; returns their ids."""

    def create():
        category = make_category(name_en="Exchange", name_el="Ανταλλαγή")
        topic = make_topic(category, title="Γλωσσάρια", body="Πρώτο **μήνυμα**")
        reply = make_post(topic, body="Δεύτερο")
        return {"category": category.id, "topic": topic.id, "reply": reply.id}

    return seed(create)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_board(member, board, role):
    browser = member(role)
    assert browser.get("/forums/").status_code == 200
    assert "Exchange" in browser.get("/forums/").text
    assert "Γλωσσάρια" in browser.get(f"/forums/c/{board['category']}").text
    page = browser.get(f"/forums/t/{board['topic']}")
    assert page.status_code == 200
    assert (
        '<div class="post-body user-content" dir="auto"><p dir="auto">Πρώτο <strong>' in page.text
    )


def test_category_names_follow_the_interface_language(logged_in, board):
    browser = logged_in("mediator")
    assert "Ανταλλαγή" in browser.get("/forums/?lang=el").text
    assert "Exchange" in browser.get("/forums/?lang=en").text


@pytest.mark.parametrize("lang, name", [("el", "Ανταλλαγή"), ("en", "Exchange")])
def test_breadcrumbs_name_the_category_in_the_interface_language(logged_in, board, lang, name):
    browser = logged_in("mediator")
    page = browser.get(f"/forums/t/{board['topic']}?lang={lang}").text
    start = page.index('class="govgr-breadcrumbs breadcrumbs"')
    crumbs = page[start : page.index("</nav>", start)]
    assert f">{name}</a>" in crumbs


def _category_row(page: str, name: str) -> str:
    start = page.index(f">{name}</a>")
    return page[start : page.index("</tr>", start)]


def test_a_hidden_latest_topic_is_shown_on_the_category_list_to_moderators_only(member, seed):
    def create():
        category = make_category(name_en="Networking")
        make_topic(category, title="Συνάντηση δικτύου")
        hidden = make_topic(category, title="Κρυμμένο θέμα")
        services.hide_topic(db.session, hidden, actor=make_user("trainer"), reason="Personal data")

    seed(create)
    row = _category_row(member("mediator").get("/forums/").text, "Networking")
    assert "Κρυμμένο θέμα" not in row and "Συνάντηση δικτύου" not in row
    row = _category_row(member("trainer").get("/forums/").text, "Networking")
    assert "Κρυμμένο θέμα" in row


def test_the_latest_topic_names_who_posted_last(member, seed):
    def create():
        topic = make_topic(make_category(name_en="Networking"), title="Συνάντηση δικτύου")
        make_post(topic, author=make_user("mediator", name="Ελένη Π."))

    seed(create)
    row = _category_row(member("mediator").get("/forums/").text, "Networking")
    assert "Συνάντηση δικτύου" in row
    assert "Ελένη Π. · <time datetime=" in row


def test_anonymous_people_are_sent_to_sign_in(client, board):
    for url in ("/forums/", f"/forums/c/{board['category']}", f"/forums/t/{board['topic']}"):
        assert client.get(url).status_code == 302
    assert client.post(f"/forums/t/{board['topic']}/reply", data={"body": "x"}).status_code in (
        302,
        400,
    )


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_a_category_restricted_to_trainers_is_not_found_for_others(member, seed, role):
    def create():
        category = make_category(visible_to="trainer,admin", name_en="Trainers only")
        topic = make_topic(category, title="Εσωτερικό")
        return category.id, topic.id, topic.last_post_id

    category_id, topic_id, post_id = seed(create)
    browser = member(role)
    assert "Trainers only" not in browser.get("/forums/").text
    for url in (
        f"/forums/c/{category_id}",
        f"/forums/c/{category_id}/new",
        f"/forums/t/{topic_id}",
        f"/forums/t/{topic_id}/unread",
        f"/forums/p/{post_id}",
        f"/forums/p/{post_id}/history",
    ):
        assert browser.get(url).status_code == 404, url
    assert browser.post(f"/forums/t/{topic_id}/reply", data={"body": "x"}).status_code == 404
    assert browser.post(f"/forums/p/{post_id}/react", data={"kind": "like"}).status_code == 404
    trainer = member("trainer")
    assert trainer.get(f"/forums/t/{topic_id}").status_code == 200
    assert "Trainers only" in trainer.get("/forums/").text


@pytest.mark.parametrize(
    "url",
    [
        "/forums/c/999999",
        "/forums/t/999999",
        "/forums/p/999999",
        "/forums/t/abc",
        "/forums/c/1x",
        "/forums/p/-1",
        "/forums/t/999999/reply",
        "/forums/p/999999/edit",
    ],
)
def test_unknown_or_malformed_ids_are_404(member, url):
    response = member().get(url)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_out_of_range_pages_are_404_and_bad_numbers_mean_page_one(member, board):
    browser = member()
    assert browser.get(f"/forums/t/{board['topic']}?page=5").status_code == 404
    assert browser.get(f"/forums/t/{board['topic']}?page=-1").status_code == 404
    assert browser.get(f"/forums/t/{board['topic']}?page=x").status_code == 200
    assert browser.get(f"/forums/c/{board['category']}?page=9").status_code == 404


def test_starting_a_topic(member, board, app):
    browser = member()
    form = browser.get(f"/forums/c/{board['category']}/new")
    assert form.status_code == 200
    response = browser.post(
        f"/forums/c/{board['category']}/new", data={"title": "Νέο θέμα", "body": "Καλημέρα"}
    )
    assert response.status_code == 302
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.title == "Νέο θέμα"))
        assert topic.author_id == browser.user.id
    assert "Καλημέρα" in browser.get(response.location).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "text kept"}, "Please give the topic a title."),
        ({"title": "   ", "body": "text kept"}, "Please give the topic a title."),
        ({"title": "x" * 201, "body": "text kept"}, "The title is too long"),
        ({"title": "Title kept", "body": ""}, "Please write something before posting."),
        ({"title": "Title kept", "body": " \r\n\t "}, "Please write something before posting."),
        ({"title": "Title kept", "body": "y" * (BODY_MAX + 1)}, "The text is too long"),
    ],
)
def test_bad_new_topics_keep_the_text(member, board, data, message):
    response = member().post(f"/forums/c/{board['category']}/new", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    kept = data["body"] if data["body"].strip() else data["title"]
    assert kept[:100] in response.text


def test_only_trainers_and_admins_start_announcements(member, seed):
    category_id = seed(lambda: make_category(can_start_topics="trainer,admin").id)
    mediator = member("mediator")
    assert "New topic" not in mediator.get(f"/forums/c/{category_id}").text
    assert mediator.get(f"/forums/c/{category_id}/new").status_code == 403
    response = mediator.post(f"/forums/c/{category_id}/new", data={"title": "t", "body": "b"})
    assert response.status_code == 403
    trainer = member("trainer")
    assert "New topic" in trainer.get(f"/forums/c/{category_id}").text
    assert (
        trainer.post(f"/forums/c/{category_id}/new", data={"title": "t", "body": "b"}).status_code
        == 302
    )


def test_replying_redirects_to_the_new_post(member, board, app):
    browser = member()
    response = browser.post(f"/forums/t/{board['topic']}/reply", data={"body": "Τρίτο"})
    assert response.status_code == 302
    assert response.location.endswith(f"/forums/t/{board['topic']}?page=1#post-3")
    assert "Τρίτο" in browser.get(response.location).text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Please write something before posting."),
        ("   \n  ", "Please write something before posting."),
        ("z" * (BODY_MAX + 1), "The text is too long"),
    ],
)
def test_bad_replies_keep_the_text(member, board, body, message):
    response = member().post(f"/forums/t/{board['topic']}/reply", data={"body": body})
    assert response.status_code == 422
    assert message in response.text
    assert body[:50] in response.text


def test_a_locked_topic_refuses_a_reply_with_a_clear_message(member, board, seed):
    def lock():
        topic = db.session.get(Topic, board["topic"])
        topic.locked = True

    seed(lock)
    browser = member()
    page = browser.get(f"/forums/t/{board['topic']}").text
    assert "This topic is locked: it takes no new replies." in page
    assert 'name="body"' not in page
    response = browser.post(f"/forums/t/{board['topic']}/reply", data={"body": "my careful text"})
    assert response.status_code == 403
    assert "This topic is locked: it takes no new replies." in response.text
    assert "my careful text" in response.text
    assert (
        browser.post(
            f"/forums/t/{board['topic']}/reply",
            data={"body": "x"},
            headers={"Accept": "application/json"},
        ).json["status"]
        == 403
    )


def test_a_tampered_reply_to_a_hidden_topic_of_another_category_is_404(member, seed, app):
    def create():
        hidden = make_topic(make_category(visible_to="admin"), author=make_user("admin"))
        return hidden.id

    hidden_id = seed(create)
    response = member().post(f"/forums/t/{hidden_id}/reply", data={"body": "sneaky"})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Post).where(Post.body == "sneaky")) is None


def test_a_reply_without_csrf_token_is_refused(member, board):
    response = member().post(f"/forums/t/{board['topic']}/reply", data={"body": "x"}, csrf=False)
    assert response.status_code == 400


def test_preview_without_javascript_keeps_the_text(member, board, app):
    browser = member()
    response = browser.post(
        f"/forums/t/{board['topic']}/reply", data={"body": "**bold** <b>", "preview": "Preview"}
    )
    assert response.status_code == 200
    assert "<strong>bold</strong> &lt;b&gt;" in response.text
    assert "**bold** &lt;b&gt;</textarea>" in response.text
    with app.app_context():
        assert db.session.scalar(select(Post).where(Post.body.like("%bold%"))) is None
    topic_preview = browser.post(
        f"/forums/c/{board['category']}/new", data={"title": "T", "body": "# H", "preview": "1"}
    )
    assert '<h3 dir="auto">H</h3>' in topic_preview.text


def test_preview_endpoint_answers_json(member):
    browser = member()
    response = browser.post("/forums/preview", data={"body": "[a](javascript:alert(1)) *b*"})
    assert response.status_code == 200
    assert response.json["html"] == '<p dir="auto">[a](javascript:alert(1)) <em>b</em></p>'
    too_long = browser.post("/forums/preview", data={"body": "x" * (BODY_MAX + 1)})
    assert too_long.status_code == 422 and too_long.json["message"]
    assert browser.post("/forums/preview", data={}).status_code == 400


def test_quote_prefills_the_reply(member, board):
    page = member().get(f"/forums/t/{board['topic']}?quote={board['reply']}").text
    assert "&gt; Δεύτερο" in page
    assert member().get(f"/forums/t/{board['topic']}?quote=abc").status_code == 200
    assert "&gt; " not in member().get(f"/forums/t/{board['topic']}?quote=999999").text


def test_edit_and_its_history(member, board, seed, app):
    browser = member()

    def create():
        return make_post(
            db.session.get(Topic, board["topic"]), author=account(browser), body="v1"
        ).id

    post_id = seed(create)
    assert browser.get(f"/forums/p/{post_id}/edit").status_code == 200
    for version in ("v2", "v3"):
        response = browser.post(f"/forums/p/{post_id}/edit", data={"body": version})
        assert response.status_code == 302
    bad = browser.post(f"/forums/p/{post_id}/edit", data={"body": "  "})
    assert bad.status_code == 422
    with app.app_context():
        assert db.session.query(PostRevision).filter_by(post_id=post_id).count() == 2
    reader = member("supervisor")
    history = reader.get(f"/forums/p/{post_id}/history")
    assert history.status_code == 200
    # The first version in full, then each change as a word diff (v1 -> v2 -> v3).
    assert ">v1</p>" in history.text
    assert "deleted: </span>v1<" in history.text and "inserted: </span>v2<" in history.text
    assert "deleted: </span>v2<" in history.text and "inserted: </span>v3<" in history.text
    assert history.text.count("<time") >= 1
    assert "Edited" in reader.get(f"/forums/t/{board['topic']}").text
    assert reader.get(f"/forums/p/{post_id}/edit").status_code == 403


def test_delete_own_post(member, board, seed):
    browser = member()

    def create():
        return make_post(
            db.session.get(Topic, board["topic"]), author=account(browser), body="oops"
        ).id

    post_id = seed(create)
    assert member().get(f"/forums/p/{post_id}/delete").status_code == 403
    assert browser.get(f"/forums/p/{post_id}/delete").status_code == 200
    assert browser.post(f"/forums/p/{post_id}/delete").status_code == 302
    page = browser.get(f"/forums/t/{board['topic']}").text
    assert "This post was deleted by its author." in page
    assert ">oops<" not in page


def test_sensitive_categories_remind_not_to_write_personal_data(member, seed):
    def create():
        category = make_category(sensitive=True)
        return category.id, make_topic(category).id

    category_id, topic_id = seed(create)
    browser = member()
    for url in (
        f"/forums/c/{category_id}",
        f"/forums/c/{category_id}/new",
        f"/forums/t/{topic_id}",
    ):
        assert "Do not write personal data here" in browser.get(url).text


def test_pinned_topics_come_first_then_by_last_activity(member, seed):
    def create():
        category = make_category()
        old = make_topic(category, title="Old pinned")
        old.pinned = True
        make_topic(category, title="Older")
        make_topic(category, title="Newest")
        return category.id

    page = member().get(f"/forums/c/{seed(create)}").text
    assert page.index("Old pinned") < page.index("Newest") < page.index("Older")


def test_topic_pages_hold_twenty_posts(member, seed):
    def create():
        topic = make_topic()
        bulk_posts(topic, [db.session.get(User, topic.author_id)], 45)
        return topic.id

    topic_id = seed(create)
    browser = member()
    first = browser.get(f"/forums/t/{topic_id}").text
    assert first.count('class="post"') + first.count('class="post ') == 20
    assert first.count('<nav class="govgr-pagination pagination"') == 2  # above and below the posts
    assert first.count(f'href="/forums/t/{topic_id}?page=3"') == 2
    last = browser.get(f"/forums/t/{topic_id}?page=3").text
    assert 'id="post-46"' in last and 'id="post-41"' in last and 'id="post-40"' not in last


def test_nul_characters_are_stored_not_a_server_error(member, board, app):
    browser = member()
    new = browser.post(
        f"/forums/c/{board['category']}/new", data={"title": "a\x00b", "body": "c\x00d"}
    )
    assert new.status_code == 302
    reply = browser.post(f"/forums/t/{board['topic']}/reply", data={"body": "e\x00f"})
    assert reply.status_code == 302
    report = browser.post(f"/forums/p/{board['reply']}/report", data={"reason": "g\x00h"})
    assert report.status_code == 302
    draft = browser.post(f"/forums/drafts/topic/{board['topic']}", data={"body": "i\x00j"})
    assert draft.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Topic.title).where(Topic.title.like("a%b"))) == "a\ufffdb"
