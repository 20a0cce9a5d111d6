"""Attendance: once a session has started, a trainer marks everyone who answered "going"
(and a member added by name) present, absent or excused on one page with one form, which
works without JavaScript; mediators cannot reach it; bad values are refused with a message;
the page runs a fixed number of queries."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.training import services
from mediator_portal.training.models import Attendance
from tests.factories import make_user
from tests.training.factories import make_session
from tests.training.test_query_counts import measure

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def started_session(going: int = 2, maybe: int = 1, names=None) -> dict:
    """A session that started an hour ago; ids of those going, maybe, and an outsider."""
    row = make_session()
    names = names or [f"Μέλος {n}" for n in range(going)]
    people = [make_user("mediator", name=name) for name in names]
    for person in people:
        services.answer_session(db.session, row, person, "going")
    maybes = [make_user("mediator") for _ in range(maybe)]
    for person in maybes:
        services.answer_session(db.session, row, person, "maybe")
    row.starts_at, row.ends_at = utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=1)
    outsider = make_user("mediator", name="Εξωτερικός Συνάδελφος")
    return {
        "session": row.id,
        "going": [p.id for p in people],
        "maybe": [p.id for p in maybes],
        "outsider": outsider.id,
    }


def marks(app, session_id: int) -> dict[int, str]:
    with app.app_context():
        return dict(
            db.session.execute(
                select(Attendance.user_id, Attendance.status).where(
                    Attendance.session_id == session_id
                )
            ).all()
        )


def csrf_of(page: str) -> str:
    start = page.index('name="csrf_token"')
    value = page.index('value="', start) + len('value="')
    return page[value : page.index('"', value)]


def test_one_form_marks_everyone_going_and_an_added_member(app, member, seed):
    trainer = member("trainer")
    ids = seed(started_session)
    url = f"/training/sessions/{ids['session']}/attendance"
    page = trainer.get(url)
    assert page.status_code == 200
    text = page.text
    assert "Μέλος 0" in text and "Μέλος 1" in text
    assert text.count('type="radio"') == 3 * 2  # the "maybe" is not on the sheet
    first, second = ids["going"]
    response = trainer.post(
        url,
        data={
            "csrf_token": csrf_of(text),
            f"status-{first}": "present",
            f"status-{second}": "excused",
            "add": str(ids["outsider"]),
            "add_status": "present",
        },
    )
    assert response.status_code == 302
    assert marks(app, ids["session"]) == {
        first: "present",
        second: "excused",
        ids["outsider"]: "present",
    }
    again = trainer.get(url).text
    assert "Εξωτερικός Συνάδελφος" in again and again.count("checked") == 3
    trainer.post(url, data={"csrf_token": csrf_of(again), f"status-{second}": "absent"})
    assert marks(app, ids["session"])[second] == "absent"


@pytest.mark.parametrize(
    "bad",
    [
        {"status-FIRST": "maybe"},
        {"status-abc": "present"},
        {"status-MAYBE": "present"},  # not on the sheet
        {"add": "999999"},
        {"add": "x"},
        {"add": "OUTSIDER", "add_status": "late"},
    ],
)
def test_bad_values_are_refused_with_a_message(app, member, seed, bad):
    trainer = member("trainer")
    ids = seed(started_session)
    url = f"/training/sessions/{ids['session']}/attendance"
    swap = {"FIRST": ids["going"][0], "MAYBE": ids["maybe"][0], "OUTSIDER": ids["outsider"]}
    data = {"csrf_token": csrf_of(trainer.get(url).text)}
    for key, value in bad.items():
        for word, number in swap.items():
            key, value = key.replace(word, str(number)), value.replace(word, str(number))
        data[key] = value
    response = trainer.post(url, data=data)
    assert response.status_code == 422
    assert "There is a problem" in response.text
    assert marks(app, ids["session"]) == {}


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_mediators_cannot_reach_it(app, member, seed, role):
    ids = seed(started_session)
    browser = member(role)
    url = f"/training/sessions/{ids['session']}/attendance"
    assert browser.get(url).status_code == 403
    assert browser.post(url, data={f"status-{ids['going'][0]}": "present"}).status_code in (
        400,
        403,
    )
    assert marks(app, ids["session"]) == {}


def test_anonymous_visitors_are_sent_to_sign_in(client, seed):
    ids = seed(started_session)
    response = client.get(f"/training/sessions/{ids['session']}/attendance")
    assert response.status_code in (302, 401)


def test_not_before_the_session_starts(app, app_ctx):
    row, trainer, person = make_session(), make_user("trainer"), make_user()
    services.answer_session(db.session, row, person, "going")
    with pytest.raises(services.NotStarted):
        services.mark_attendance(db.session, row, actor=trainer, marks={person.id: "present"})


def test_the_session_page_links_the_sheet_for_trainers_only(member, seed):
    ids = seed(started_session)
    url = f"/training/sessions/{ids['session']}"
    assert "/attendance" in member("trainer").get(url).text
    assert "/attendance" not in member("mediator").get(url).text


def test_the_attendance_page_runs_a_fixed_number_of_queries(member, seed, count_queries):
    result = {}
    for label, sessions, people in (("small", 5, 3), ("big", 100, 30)):
        trainer = member("trainer")

        def build(sessions=sessions, people=people):
            for _ in range(sessions - 1):
                make_session()
            ids = started_session(going=people, names=[f"Άτομο {n}" for n in range(people)])
            row = db.session.get(services.TrainingSession, ids["session"])
            services.mark_attendance(
                db.session, row, actor=make_user("trainer"), marks={ids["going"][0]: "present"}
            )
            return ids["session"]

        session_id = seed(build)
        result[label] = measure(
            count_queries, trainer, f"/training/sessions/{session_id}/attendance"
        )
    print("query counts:", result)
    assert result["small"] == result["big"] <= 5
