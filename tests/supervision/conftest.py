"""Supervision test helpers: `team`, a supervisor with two supervisees, a group, a weekly
group slot (two occurrences) and an individual slot, committed; and `sign_in`, a client of
one of them."""

from types import SimpleNamespace

import pytest

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from tests.clients import PortalClient
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.supervision.factories import athens_day, make_slot, make_team


@pytest.fixture
def team(app):
    """Ids and e-mails of a small supervision world (and a stranger: another supervisor
    with their own supervisee and slot)."""
    with app.app_context():
        admin = make_user("admin")
        supervisor, (one, two) = make_team(2, admin=admin)
        stranger, (theirs,) = make_team(1, admin=admin)
        group = services.create_group(
            db.session, supervisor=supervisor, name="Ομάδα Τετάρτης", member_ids=[one.id]
        )
        weekly = make_slot(
            supervisor, kind="group", capacity=6, group_id=group.id, repeat_until=athens_day(10)
        )
        single = make_slot(supervisor, days_ahead=4)
        foreign = make_slot(stranger, days_ahead=4)
        db.session.commit()
        return SimpleNamespace(
            admin=admin.email,
            supervisor=supervisor.email,
            supervisor_id=supervisor.id,
            one=one.email,
            one_id=one.id,
            two=two.email,
            two_id=two.id,
            stranger=stranger.email,
            theirs=theirs.email,
            theirs_id=theirs.id,
            group=group.id,
            weekly=weekly.id,
            series=weekly.series_id,
            single=single.id,
            foreign=foreign.id,
        )


@pytest.fixture
def sign_in(app):
    """Factory: `sign_in(email)` returns a client signed in as that account (English)."""

    def open_client(email: str) -> PortalClient:
        app.test_client_class = PortalClient
        browser = app.test_client()
        browser.get("/?lang=en")
        assert browser.login(email, DEFAULT_PASSWORD).status_code == 302
        return browser

    return open_client
