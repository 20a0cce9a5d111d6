"""Two trainers saving the same attendance sheet at the same instant, against the running
server (threads; on SQLite and on PostgreSQL): every request answers without a 5xx and each
person keeps one mark."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.training.models import Attendance
from tests.factories import make_user
from tests.forums.test_races import at_once
from tests.training.test_attendance import started_session
from tests.training.test_races import signed_in

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

TABS = 10


def test_two_trainers_marking_at_once_leave_one_mark_each(app, live_server):
    with app.app_context():
        ids = started_session(going=3)
        trainers = [make_user("trainer").email, make_user("admin").email]
        db.session.commit()
    sessions = [signed_in(live_server.url, email) for email in trainers]
    url = f"{live_server.url}/training/sessions/{ids['session']}/attendance"
    first = ids["going"][0]

    def save(n: int):
        browser, csrf = sessions[n % 2]
        status = ("present", "absent")[n % 2]
        data = {"csrf_token": csrf, **{f"status-{uid}": status for uid in ids["going"]}}
        return browser.post(url, data=data, allow_redirects=False)

    responses = at_once(TABS, save)
    assert {response.status_code for response in responses} == {302}
    with app.app_context():
        rows = db.session.scalar(
            select(func.count())
            .select_from(Attendance)
            .where(Attendance.session_id == ids["session"])
        )
        status = db.session.scalar(
            select(Attendance.status).where(
                Attendance.session_id == ids["session"], Attendance.user_id == first
            )
        )
    assert rows == 3 and status in ("present", "absent")
