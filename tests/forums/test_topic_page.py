"""The topic page: post numbers and permalinks, the reply button, compact reactions with
who reacted, the topic's state after a moderator's change (live event and JSON), the edit
history as a word diff, and the reports queue's one-step actions."""

import re
from types import SimpleNamespace

import pytest

from mediator_portal.extensions import db
from mediator_portal.forums import services
from mediator_portal.forums.models import Post, Report, Topic
from tests.factories import make_user
from tests.forums.conftest import account
from tests.forums.factories import make_category, make_post, make_topic

JSON = {"Accept": "application/json"}


@pytest.fixture
def thread(seed):
    def create():
        trainer = make_user("trainer", name="Ελένη Εκπαιδεύτρια")
        topic = make_topic(author=trainer, body="Πρώτο")
        post = make_post(topic, author=trainer, body="Δεύτερο μήνυμα")
        return SimpleNamespace(topic=topic.id, post=post.id, category=topic.category_id)

    return seed(create)


def test_each_post_shows_its_number_linking_to_its_permalink(member, thread):
    page = member("mediator").get(f"/forums/t/{thread.topic}").text
    for number, post_id in ((1, None), (2, thread.post)):
        match = re.search(
            rf'<a class="post-number" href="/forums/p/(\d+)" data-permalink>'
            rf'<span class="visually-hidden">[^<]*</span>#{number}</a>',
            page,
        )
        assert match, page
        if post_id:
            assert int(match.group(1)) == post_id
    # The copy button waits for JavaScript; without it, "#N" is the link itself.
    assert re.search(
        r'<button type="button" class="copy-link" hidden data-copy-link="/forums/p/\d+"', page
    )


def test_a_reply_button_near_the_top_jumps_to_the_reply_box(member, thread):
    page = member("mediator").get(f"/forums/t/{thread.topic}").text
    jump = page.index('class="govgr-btn govgr-btn-primary btn-small jump-to-reply" href="#reply"')
    assert jump < page.index('id="post-1"') < page.index('id="reply"')


def test_no_reply_button_where_one_may_not_reply(member, seed, thread):
    seed(lambda: setattr(db.session.get(Topic, thread.topic), "locked", True))
    assert "jump-to-reply" not in member("mediator").get(f"/forums/t/{thread.topic}").text


def test_reactions_show_only_those_given_with_who_gave_them(member, seed, thread):
    reader = member("mediator", name="Μαρία Αναγνώστρια")
    other = member("mediator", name="Νίκος Άλλος")
    for browser in (reader, other):
        seed(
            lambda browser=browser: services.toggle_reaction(
                db.session, db.session.get(Post, thread.post), user=account(browser), kind="heart"
            )
        )
    page = reader.get(f"/forums/t/{thread.topic}").text
    post = re.search(r'<article [^>]*id="post-2".*?</article>', page, re.S).group(0)
    row, menu = post.split('<details class="reaction-add">')
    assert row.count('name="kind"') == 1  # only the reaction given, above the menu
    assert 'value="heart"' in row and 'data-count="2"' in row
    assert "Μαρία Αναγνώστρια, Νίκος Άλλος" in row  # who reacted: title and a hidden list
    assert re.search(r'class="visually-hidden" id="who-\d+-heart">Μαρία Αναγνώστρια, Νίκος', row)
    assert menu.count('name="kind"') == 4  # every reaction can be added, as a form button
    first = page.split('id="post-1"')[1].split("</article>")[0]
    assert "data-count=" not in first


def test_who_reacted_is_capped_with_a_count_of_the_others(member, seed, thread):
    def react():
        post = db.session.get(Post, thread.post)
        for index in range(12):
            user = make_user("mediator", name=f"Μέλος {index:02d}")
            services.toggle_reaction(db.session, post, user=user, kind="like")

    seed(react)
    page = member("mediator").get(f"/forums/t/{thread.topic}").text
    assert 'data-count="12"' in page and "and 2 more" in page
    assert "Μέλος 09" in page and "Μέλος 10" not in page


def test_locking_publishes_topic_changed_to_the_open_page(app, logged_in, socket_clients, thread):
    reader = logged_in("mediator")
    socket = socket_clients(reader)
    assert socket.emit("join_topic", {"topic_id": thread.topic}, callback=True)["ok"]
    socket.get_received()
    with app.app_context():
        topic = db.session.get(Topic, thread.topic)
        services.set_locked(db.session, topic, actor=make_user("trainer"), locked=True)
        assert not [e for e in socket.get_received() if e["name"] == "topic_changed"]  # not yet
        db.session.commit()
    events = [e["args"][0] for e in socket.get_received() if e["name"] == "topic_changed"]
    assert events == [{"topic_id": thread.topic}]


@pytest.mark.parametrize("lang, reason", [("en", "This topic is locked"), ("el", "κλειδωθεί")])
def test_state_of_a_locked_topic_says_why_one_may_not_reply(member, seed, thread, lang, reason):
    reader, trainer = member("mediator"), member("trainer")
    open_state = reader.get(f"/forums/t/{thread.topic}/state", headers=JSON).json
    assert open_state["reply_allowed"] is True and open_state["reason"] == ""
    seed(lambda: setattr(db.session.get(Topic, thread.topic), "locked", True))
    state = reader.get(f"/forums/t/{thread.topic}/state?lang={lang}", headers=JSON).json
    assert state["locked"] is True and state["reply_allowed"] is False
    assert reason in state["reason"]
    assert trainer.get(f"/forums/t/{thread.topic}/state", headers=JSON).json["reply_allowed"]


def test_state_of_a_moved_topic_names_its_new_category(member, seed, thread):
    reader = member("mediator")

    def move():
        destination = make_category(name_en="Elsewhere", name_el="Αλλού")
        topic = db.session.get(Topic, thread.topic)
        services.move_topic(db.session, topic, actor=make_user("trainer"), category=destination)
        return destination.id

    destination = seed(move)
    state = reader.get(f"/forums/t/{thread.topic}/state?lang=en", headers=JSON).json
    assert state["category"] == {
        "id": destination,
        "name": "Elsewhere",
        "url": f"/forums/c/{destination}",
    }


def test_state_of_a_hidden_topic_is_404_for_members(member, seed, thread):
    reader, trainer = member("mediator"), member("trainer")
    seed(
        lambda: services.hide_topic(
            db.session,
            db.session.get(Topic, thread.topic),
            actor=make_user("trainer"),
            reason="Προσωπικά δεδομένα",
        )
    )
    assert reader.get(f"/forums/t/{thread.topic}/state", headers=JSON).status_code == 404
    state = trainer.get(f"/forums/t/{thread.topic}/state", headers=JSON).json
    assert state["hidden"] is True and state["hidden_reason"] == "Προσωπικά δεδομένα"


def test_history_marks_inserted_and_deleted_words_escaped(member, seed, thread):
    author = member("mediator")

    def write():
        post = make_post(
            db.session.get(Topic, thread.topic),
            author=account(author),
            body="Η συνάντηση είναι <b>αύριο</b> το πρωί",
        )
        return post.id

    post_id = seed(write)
    edited = author.post(
        f"/forums/p/{post_id}/edit", data={"body": "Η συνάντηση είναι <b>σήμερα</b> το πρωί"}
    )
    assert edited.status_code == 302
    page = author.get(f"/forums/p/{post_id}/history").text
    assert re.search(r"<del><span class=\"visually-hidden\">\[deleted: </span>αύριο<span", page)
    assert re.search(r"<ins><span class=\"visually-hidden\">\[inserted: </span>σήμερα<span", page)
    assert "&lt;b&gt;" in page and "<b>σήμερα" not in page  # the source as text, escaped
    greek = author.get(f"/forums/p/{post_id}/history?lang=el").text
    assert "[προστέθηκε: </span>σήμερα" in greek and "[διαγράφηκε: </span>αύριο" in greek


def test_word_diff_keeps_the_text_and_marks_changes():
    segments = services.version_changes(["one two three", "one 2 three four"])
    assert segments[0] is None
    assert [tuple(s) for s in segments[1]] == [
        ("same", "one "),
        ("deleted", "two"),
        ("inserted", "2"),
        ("same", " three"),
        ("inserted", " four"),
    ]


@pytest.fixture
def reported(seed, member):
    reporter = member("mediator")

    def create():
        author = make_user("mediator", name="Συντάκτης Αναρτήσεων")
        topic = make_topic(title="Θέμα με αναφορά")
        post = make_post(topic, author=author, body="Το ΑΜΚΑ του κυρίου είναι 123")
        report = services.report_post(
            db.session, post, reporter=account(reporter), reason="Προσωπικά δεδομένα"
        )
        return SimpleNamespace(post=post.id, report=report.id, topic=topic.id)

    return seed(create)


def test_the_queue_labels_the_reason_and_shows_the_post_in_context(member, reported):
    page = member("trainer").get("/forums/reports").text
    assert "1 open report." in page
    assert re.search(r"<dt>Reason given</dt>\s*<dd[^>]*>Προσωπικά δεδομένα</dd>", page)
    assert "Θέμα με αναφορά" in page and f"/forums/t/{reported.topic}" in page
    assert "#2 by Συντάκτης Αναρτήσεων" in page and "Το ΑΜΚΑ του κυρίου" in page
    for action in ("hide", "resolve", "dismiss"):
        assert f'name="action" value="{action}"' in page


def test_hide_and_resolve_in_one_step(app, member, reported):
    trainer = member("trainer")
    answer = trainer.post(
        f"/forums/reports/{reported.report}/resolve",
        data={"action": "hide", "reason": "Στοιχεία ασθενούς"},
    )
    assert answer.status_code == 302
    with app.app_context():
        post, report = db.session.get(Post, reported.post), db.session.get(Report, reported.report)
        assert post.hidden and post.hidden_reason == "Στοιχεία ασθενούς"
        assert report.resolved_at and report.resolution == "Στοιχεία ασθενούς"


def test_dismiss_needs_no_note_and_leaves_the_post(app, member, reported):
    answer = member("trainer").post(
        f"/forums/reports/{reported.report}/resolve", data={"action": "dismiss"}
    )
    assert answer.status_code == 302
    with app.app_context():
        assert not db.session.get(Post, reported.post).hidden
        assert db.session.get(Report, reported.report).resolved_at is not None


@pytest.mark.parametrize("action, reason", [("hide", ""), ("resolve", " ")])
def test_hide_and_resolve_need_a_note(app, member, reported, action, reason):
    answer = member("trainer").post(
        f"/forums/reports/{reported.report}/resolve", data={"action": action, "reason": reason}
    )
    assert answer.status_code == 422
    with app.app_context():
        assert db.session.get(Report, reported.report).resolved_at is None
        assert not db.session.get(Post, reported.post).hidden


def test_unknown_action_is_400(member, reported):
    answer = member("trainer").post(
        f"/forums/reports/{reported.report}/resolve", data={"action": "delete", "reason": "x"}
    )
    assert answer.status_code == 400


def test_members_cannot_use_the_queue(member, reported):
    mediator = member("mediator")
    url = f"/forums/reports/{reported.report}/resolve"
    assert mediator.post(url, data={"action": "dismiss"}).status_code == 403
