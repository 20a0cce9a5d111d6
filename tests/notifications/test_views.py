"""The pages: the list (filter, pages, mark read, open), what I watch, the watch control,
the preferences, the unread count as JSON; bad forms answer 422, bad ids 4xx."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic
from tests.notifications.helpers import rows_of

pytestmark = pytest.mark.database


@pytest.fixture
def replied(seed, member):
    """A member (English) whose topic got two replies: (browser, topic id, post ids)."""
    browser = member("mediator")

    def create():
        topic = make_topic(author=account(browser))
        posts = [make_post(topic, body=f"Απάντηση {n}") for n in range(2)]
        return topic.id, [post.id for post in posts]

    topic_id, post_ids = seed(create)
    return browser, topic_id, post_ids


def test_the_list_shows_unread_notifications_newest_first(replied):
    browser, _topic_id, _posts = replied
    page = browser.get("/notifications/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count('class="notification is-unread"') == 2
    assert "Replies to my topics" in html


def test_opening_one_marks_it_read_and_lands_on_the_post(app, replied):
    browser, _topic_id, post_ids = replied
    with app.app_context():
        row = rows_of(account(browser))[-1]
    page = browser.get("/notifications/").get_data(as_text=True)
    assert f'action="/notifications/{row.id}/open"' in page  # a form, not a link
    assert f'href="/notifications/{row.id}/open"' not in page
    answer = browser.post(f"/notifications/{row.id}/open")
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/forums/p/{row.target_id}")
    with app.app_context():
        assert rows_of(account(browser))[-1].read_at is not None
    assert browser.get("/notifications/unread.json").get_json() == {"unread": 1}


def test_a_get_of_open_only_redirects_and_marks_nothing(app, replied):
    browser, *_ = replied
    with app.app_context():
        row = rows_of(account(browser))[-1]
    answer = browser.get(f"/notifications/{row.id}/open")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/forums/p/{row.target_id}")
    with app.app_context():
        assert all(r.read_at is None for r in rows_of(account(browser)))
    assert browser.get("/notifications/unread.json").get_json() == {"unread": 2}


def test_opening_without_the_csrf_token_is_refused(app, replied):
    browser, *_ = replied
    with app.app_context():
        row = rows_of(account(browser))[-1]
    assert browser.post(f"/notifications/{row.id}/open", csrf=False).status_code == 400
    assert browser.get("/notifications/unread.json").get_json() == {"unread": 2}


@pytest.mark.parametrize(
    "url",
    [
        "/notifications/?kind=nothing",
        "/notifications/?page=9",
        "/notifications/999999/open",
        "/notifications/watch/topic/999999",
        "/notifications/watch/forum/1",
    ],
)
def test_bad_ids_and_arguments_answer_404(replied, url):
    browser, *_ = replied
    assert browser.get(url).status_code == 404


def test_someone_elses_notification_is_a_404(app, replied, member):
    owner, *_ = replied
    with app.app_context():
        row = rows_of(account(owner))[0]
    stranger = member("mediator")
    assert stranger.get(f"/notifications/{row.id}/open").status_code == 404
    assert stranger.post(f"/notifications/{row.id}/open").status_code == 404
    assert stranger.post(f"/notifications/{row.id}/read").status_code == 404
    assert owner.get("/notifications/unread.json").get_json() == {"unread": 2}


def test_the_list_filters_by_kind(replied):
    browser, *_ = replied
    html = browser.get("/notifications/?kind=mention").get_data(as_text=True)
    assert "notification is-unread" not in html
    assert "You have no notifications here." in html


def test_anonymous_people_are_sent_to_sign_in(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/unread.json").status_code == 401


def test_the_watch_control_sets_a_level_without_javascript(app, replied):
    browser, topic_id, _posts = replied
    answer = browser.post(
        f"/notifications/watch/topic/{topic_id}",
        data={"level": "watching", "next": f"/forums/t/{topic_id}"},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/forums/t/{topic_id}")
    with app.app_context():
        level = services.watch_level(db.session, browser.user.id, "topic", topic_id)
    assert level == "watching"
    html = browser.get("/notifications/watching").get_data(as_text=True)
    assert f'action="/notifications/watch/topic/{topic_id}"' in html


@pytest.mark.parametrize(
    ("target", "level"),
    [("topic", "watching_first_post"), ("topic", "loud"), ("topic", "")],
)
def test_a_bad_level_is_a_422(replied, target, level):
    browser, topic_id, _posts = replied
    answer = browser.post(f"/notifications/watch/{target}/{topic_id}", data={"level": level})
    assert answer.status_code == 422


def test_next_cannot_leave_the_site(replied):
    browser, topic_id, _posts = replied
    for bad in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        answer = browser.post(
            f"/notifications/watch/topic/{topic_id}", data={"level": "muted", "next": bad}
        )
        assert answer.headers["Location"].endswith(f"/forums/p/{topic_id}") or answer.headers[
            "Location"
        ].endswith(f"/forums/t/{topic_id}")


def test_a_category_one_may_not_read_cannot_be_watched(seed, member):
    browser = member("mediator")
    closed = seed(lambda: make_category(visible_to="trainer,admin").id)
    answer = browser.post(f"/notifications/watch/category/{closed}", data={"level": "watching"})
    assert answer.status_code == 404


def test_preferences_save_and_refuse_bad_values(app, member):
    browser = member("mediator")
    page = browser.get("/notifications/preferences")
    assert page.status_code == 200
    data = {f"kind_{name}": kind.delivery for name, kind in services.KINDS.items()}
    good = {**data, "kind_mention": "never", "digest_hour": "18", "pause_days": "2"}
    assert browser.post("/notifications/preferences", data=good).status_code == 302
    with app.app_context():
        saved = services.preferences(db.session, browser.user.id)
    assert (saved.deliveries["mention"], saved.digest_hour, saved.paused) == ("never", 18, True)
    for bad in (
        {**good, "kind_mention": "sometimes"},
        {**good, "digest_hour": "24"},
        {**good, "pause_days": "-1"},
        {**good, "pause_days": "many"},
        {key: value for key, value in good.items() if key != "kind_reply"},
    ):
        assert browser.post("/notifications/preferences", data=bad).status_code == 422


def test_the_pages_show_in_greek(logged_in):
    browser = logged_in("mediator")
    for url, heading in (
        ("/notifications/", "<h1>Ειδοποιήσεις</h1>"),
        ("/notifications/watching", "<h1>Τι παρακολουθώ</h1>"),
        ("/notifications/preferences", "<h1>Προτιμήσεις e-mail</h1>"),
    ):
        assert heading in browser.get(url).get_data(as_text=True)


def test_the_list_runs_the_same_queries_for_few_and_many(app, seed, member, count_queries):
    def measure(browser) -> int:
        browser.get("/notifications/")
        with count_queries() as statements:
            assert browser.get("/notifications/").status_code == 200
        return len(statements)

    counts = []
    for replies in (1, 30):
        browser = member("mediator")

        def create(browser=browser, replies=replies):
            viewer = account(browser)
            topic = make_topic(author=viewer)
            other = make_topic()
            for n in range(replies):
                make_post(
                    topic, author=make_user("mediator"), body=f"@{services.handle(viewer.name)} {n}"
                )
            db.session.commit()
            services.set_watch_level(db.session, viewer.id, "topic", other.id, "watching")
            db.session.commit()
            make_post(other)

        seed(create)
        counts.append(measure(browser))
    assert counts[0] == counts[1]
    # The login, the navigation's counts, the list's count, the page of rows with their
    # actors, and the posts they point at.
    assert counts[1] <= 5


def test_after_losing_access_the_count_drops_and_the_list_hides_it(app, replied):
    browser, topic_id, _posts = replied
    with app.app_context():
        from mediator_portal.forums import services as forums

        topic = forums.topics_by_id(db.session, [topic_id])[topic_id]
        forums.hide_topic(db.session, topic, actor=make_user("trainer"), reason="Κλειστό")
        db.session.commit()
    # At once, before the list is opened.
    assert browser.get("/notifications/unread.json").get_json() == {"unread": 0}
    html = browser.get("/notifications/").get_data(as_text=True)
    assert "notification is-unread" not in html
    assert browser.get("/notifications/unread.json").get_json() == {"unread": 0}


def test_mention_candidates_put_those_who_can_read_first(seed, member):
    browser = member("trainer")

    def create():
        make_user("mediator", name="Μαρία Αλεξίου")
        make_user("trainer", name="Μάριος Βλάχος")
        make_user("mediator", name="Νίκος Μαρινάκης")
        return make_topic(category=make_category(visible_to="trainer,admin")).id

    topic_id = seed(create)
    answer = browser.get(
        "/notifications/mentions.json", query_string={"q": "ΜΑΡ", "topic": topic_id}
    )
    assert answer.status_code == 200
    members = answer.get_json()["members"]
    assert [(m["name"], m["can_read"]) for m in members] == [
        ("Μάριος Βλάχος", True),
        ("Μαρία Αλεξίου", False),
        ("Νίκος Μαρινάκης", False),
    ]
    assert members[1]["handle"] == "μαρια_αλεξιου"
    assert browser.get("/notifications/mentions.json?q=&topic=1").get_json() == {"members": []}
    assert browser.get("/notifications/mentions.json?q=x&topic=abc").status_code == 400


def test_mention_candidates_for_a_new_topic_read_the_category(seed, member):
    """`?category=` (a new topic): those who may read it first; a category hidden from the
    one asking tells nothing of who reads it."""
    trainer, mediator = member("trainer"), member("mediator")

    def create():
        make_user("mediator", name="Ελένη Σταύρου")
        make_user("trainer", name="Ελευθερία Κώστα")
        return make_category(visible_to="trainer,admin").id, make_category().id

    closed, open_ = seed(create)

    def offered(browser, category_id):
        answer = browser.get(
            "/notifications/mentions.json", query_string={"q": "ελε", "category": category_id}
        )
        return [(m["name"], m["can_read"]) for m in answer.get_json()["members"]]

    assert offered(trainer, closed) == [("Ελευθερία Κώστα", True), ("Ελένη Σταύρου", False)]
    assert offered(mediator, closed) == [("Ελένη Σταύρου", False), ("Ελευθερία Κώστα", False)]
    assert offered(mediator, open_) == [("Ελένη Σταύρου", True), ("Ελευθερία Κώστα", True)]
    assert mediator.get("/notifications/mentions.json?q=x&category=0").status_code == 400
