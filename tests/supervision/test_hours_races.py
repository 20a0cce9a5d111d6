"""The same attendance sheet saved from ten tabs at the same instant, and a mediator's
dispute racing the supervisor's correction, over HTTP against the running server (threads;
on SQLite and on PostgreSQL): every answer is a redirect or a clear refusal, never a 5xx,
and each mediator keeps one mark."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.supervision.models import Mark
from tests.clients import http_session
from tests.forums.test_races import at_once
from tests.supervision.factories import make_team
from tests.supervision.hours_factories import attended, book_back_then, past_slot

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

TABS = 10


def signed_in(base: str, email: str, page: str) -> tuple:
    """A session signed in as `email` over HTTP, and its CSRF token (read from `page`)."""
    return http_session(base, email, page)


def test_ten_tabs_saving_one_sheet_leave_one_mark_each(app, live_server):
    with app.app_context():
        supervisor, people = make_team(3)
        slot = past_slot(supervisor, kind="group", capacity=6)
        book_back_then(slot, *people)
        ids, slot_id, email = [p.id for p in people], slot.id, supervisor.email
        db.session.commit()
    url = f"{live_server.url}/supervision/slots/{slot_id}/attendance"
    tabs = [signed_in(live_server.url, email, "/supervision/") for _ in range(2)]

    def save(n: int):
        browser, csrf = tabs[n % 2]
        mark = ("attended", "no_show")[n % 2]
        data = {"csrf_token": csrf, **{f"mark-{uid}": mark for uid in ids}}
        return browser.post(url, data=data, allow_redirects=False)

    responses = at_once(TABS, save)
    assert {response.status_code for response in responses} == {302}
    with app.app_context():
        rows = db.session.execute(
            select(Mark.mediator_id, func.count())
            .where(Mark.slot_id == slot_id)
            .group_by(Mark.mediator_id)
        ).all()
    assert sorted(rows) == sorted((uid, 1) for uid in ids)


def test_a_dispute_racing_a_correction_never_fails(app, live_server):
    with app.app_context():
        supervisor, (one,) = make_team(1)
        slot = attended(supervisor, [one])
        mark = db.session.scalar(select(Mark).where(Mark.slot_id == slot.id))
        ids = {"slot": slot.id, "mark": mark.id, "one": one.id}
        emails = (supervisor.email, one.email)
        db.session.commit()
    supervisor_tab = signed_in(live_server.url, emails[0], "/supervision/")
    mediator_tab = signed_in(live_server.url, emails[1], "/supervision/hours")

    def send(n: int):
        if n % 2:
            browser, csrf = supervisor_tab
            url = f"{live_server.url}/supervision/slots/{ids['slot']}/attendance"
            mark = ("attended", "no_show")[n % 4 == 1]
            data = {"csrf_token": csrf, f"mark-{ids['one']}": mark}
        else:
            browser, csrf = mediator_tab
            url = f"{live_server.url}/supervision/hours/{ids['mark']}/dispute"
            data = {"csrf_token": csrf, "comment": f"Σχόλιο {n}"}
        return browser.post(url, data=data, allow_redirects=False)

    responses = at_once(TABS, send)
    assert {response.status_code for response in responses} <= {302, 409}
    with app.app_context():
        count = db.session.scalar(
            select(func.count()).select_from(Mark).where(Mark.slot_id == ids["slot"])
        )
    assert count == 1
