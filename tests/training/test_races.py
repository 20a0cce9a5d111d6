"""Supports sent at the same instant, against the running server (threads; on SQLite and on
PostgreSQL): one member's twenty tabs leave one support and no 5xx; twenty members at once
leave twenty supports and a count of twenty."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.training.models import Proposal, Support
from tests.clients import http_session
from tests.factories import make_user
from tests.forums.test_races import at_once
from tests.training.factories import make_proposal

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

TABS = 20


def signed_in(base: str, email: str) -> tuple:
    """A session signed in as `email` over HTTP, and its CSRF token."""
    return http_session(base, email, "/training/")


def support_rows(app, proposal_id: int) -> tuple[int, int]:
    with app.app_context():
        rows = db.session.scalar(
            select(func.count()).select_from(Support).where(Support.proposal_id == proposal_id)
        )
        return rows, db.session.get(Proposal, proposal_id).support_count


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_twenty_tabs_supporting_at_once_leave_one_support(app, live_server, accept):
    with app.app_context():
        member = make_user("mediator")
        proposal = make_proposal()
        db.session.commit()
        email, proposal_id = member.email, proposal.id
    session, csrf = signed_in(live_server.url, email)
    url = f"{live_server.url}/training/p/{proposal_id}/support"
    responses = at_once(
        TABS,
        lambda _n: session.post(
            url, headers={"X-CSRFToken": csrf, "Accept": accept}, allow_redirects=False
        ),
    )
    assert sorted({response.status_code for response in responses}) == (
        [200] if accept == "application/json" else [302]
    )
    assert support_rows(app, proposal_id) == (1, 1)
    if accept == "application/json":
        assert all(response.json()["supported"] for response in responses)


def test_twenty_members_supporting_at_once_are_each_counted_once(app, live_server):
    with app.app_context():
        people = [make_user("mediator") for _ in range(TABS)]
        proposal = make_proposal()
        db.session.commit()
        emails, proposal_id = [person.email for person in people], proposal.id
    sessions = [signed_in(live_server.url, email) for email in emails]
    url = f"{live_server.url}/training/p/{proposal_id}/support"
    responses = at_once(
        TABS,
        lambda n: sessions[n][0].post(
            url, headers={"X-CSRFToken": sessions[n][1], "Accept": "application/json"}
        ),
    )
    assert {response.status_code for response in responses} == {200}
    assert support_rows(app, proposal_id) == (TABS, TABS)
