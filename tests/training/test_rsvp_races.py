"""Thirty members answer "going" at the same instant to a session of ten places, over HTTP
against the running server (on SQLite and on PostgreSQL): exactly ten go and twenty wait,
numbered 1 to 20 in the order their turns came; one who goes withdraws and exactly one
waiting person is promoted and notified. One member's twenty tabs answering at once keep
one answer."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.training import services
from mediator_portal.training.models import Rsvp, TrainingSession
from tests.factories import make_user
from tests.forums.test_races import at_once
from tests.training.factories import make_session
from tests.training.test_races import signed_in

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

PEOPLE, PLACES = 30, 10


def answers(app, session_id: int) -> dict[str, list]:
    with app.app_context():
        rows = db.session.execute(
            select(Rsvp.answer, Rsvp.position, Rsvp.user_id)
            .where(Rsvp.session_id == session_id)
            .order_by(Rsvp.position)
        ).all()
        going = db.session.get(TrainingSession, session_id).going_count
    found: dict[str, list] = {"going_count": [going]}
    for answer, position, user_id in rows:
        found.setdefault(answer, []).append((position, user_id))
    return found


def test_thirty_going_at_once_on_ten_places(app, live_server):
    with app.app_context():
        people = [make_user("mediator") for _ in range(PEOPLE)]
        row = make_session(capacity=PLACES)
        db.session.commit()
        emails, session_id = [person.email for person in people], row.id
    sessions = [signed_in(live_server.url, email) for email in emails]
    url = f"{live_server.url}/training/sessions/{session_id}/rsvp"

    def send(n, value="going"):
        browser, csrf = sessions[n]
        return browser.post(
            url,
            data={"value": value},
            headers={"X-CSRFToken": csrf, "Accept": "application/json"},
        )

    responses = at_once(PEOPLE, send)
    assert {response.status_code for response in responses} == {200}
    results = [response.json()["answer"] for response in responses]
    assert results.count("going") == PLACES and results.count("waitlisted") == PEOPLE - PLACES
    found = answers(app, session_id)
    assert found["going_count"] == [PLACES] and len(found["going"]) == PLACES
    assert [position for position, _ in found["waitlisted"]] == list(range(1, 21))

    leaver = results.index("going")
    assert send(leaver, "not_going").json()["answer"] == "not_going"
    after = answers(app, session_id)
    first_waiting = found["waitlisted"][0][1]
    assert after["going_count"] == [PLACES] and len(after["going"]) == PLACES
    assert first_waiting in [user_id for _, user_id in after["going"]]
    assert len(after["waitlisted"]) == PEOPLE - PLACES - 1
    with app.app_context():
        told = db.session.scalars(
            select(Notification.recipient_id).where(Notification.kind == services.PROMOTED_KIND)
        ).all()
    assert told == [first_waiting]


def test_one_member_s_twenty_tabs_keep_one_answer_and_one_place(app, live_server):
    with app.app_context():
        member = make_user("mediator")
        row = make_session(capacity=5)
        db.session.commit()
        email, session_id = member.email, row.id
    browser, csrf = signed_in(live_server.url, email)
    url = f"{live_server.url}/training/sessions/{session_id}/rsvp"
    responses = at_once(
        20,
        lambda _n: browser.post(
            url,
            data={"value": "going"},
            headers={"X-CSRFToken": csrf, "Accept": "application/json"},
        ),
    )
    assert {response.status_code for response in responses} == {200}
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Rsvp))
        assert count == 1 and db.session.get(TrainingSession, session_id).going_count == 1
