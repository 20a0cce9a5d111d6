"""Accepting an offered seat with many clicks at the same instant, over HTTP against the
running server (threads; on SQLite and on PostgreSQL): one booking, the seat counter right,
the other answers a clear 409, never a 5xx."""

import pytest
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import WaitlistEntry
from tests.forums.test_races import at_once
from tests.supervision.factories import make_slot, make_team
from tests.supervision.test_races import booked, signed_in

pytestmark = pytest.mark.database

CLICKS = 12


def test_an_offer_accepted_by_many_clicks_at_once_books_once(app, live_server):
    with app.app_context():
        supervisor, (one, two, waiter) = make_team(3)
        slot = make_slot(supervisor, kind="group", capacity=2, days_ahead=5)
        first = services.book(db.session, slot, one)
        services.book(db.session, slot, two)
        services.join(db.session, slot, waiter)
        db.session.commit()
        services.cancel_booking(db.session, first, one)
        services.offer_free_seats(db.session, slot)
        db.session.commit()
        entry = db.session.scalar(select(WaitlistEntry.id).where(WaitlistEntry.slot_id == slot.id))
        email, slot_id = waiter.email, slot.id
    browser, csrf = signed_in(live_server.url, email)
    url = f"{live_server.url}/supervision/waitlist/{entry}/accept"

    def send(_n):
        return browser.post(url, headers={"X-CSRFToken": csrf, "Accept": "application/json"})

    responses = at_once(CLICKS, send)
    codes = [response.status_code for response in responses]
    assert max(codes) < 500, codes
    assert codes.count(200) == 1
    assert {r.json()["code"] for r in responses if r.status_code != 200} <= {
        "no_offer",
        "already_booked",
    }
    assert booked(app, slot_id) == (2, 2)
