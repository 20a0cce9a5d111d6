"""Bookings sent at the same instant, over HTTP against the running server (threads; on
SQLite and on PostgreSQL): fifty mediators on a one-seat slot give exactly one booking and
forty-nine clear refusals, on a six-seat group slot exactly six; one mediator's double click
on two overlapping slots books one; and no answer is a 5xx."""

from datetime import time

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.supervision.models import Booking, Slot
from tests.clients import http_session
from tests.forums.test_races import at_once
from tests.supervision.factories import make_slot, make_team

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

PEOPLE = 50


def signed_in(base: str, email: str) -> tuple:
    """A session signed in as `email` over HTTP, and its CSRF token."""
    return http_session(base, email, "/supervision/bookings")


def booked(app, slot_id: int) -> tuple[int, int]:
    """(live bookings of the slot, its seat counter)."""
    with app.app_context():
        rows = db.session.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.slot_id == slot_id, Booking.status == "booked")
        )
        return rows, db.session.get(Slot, slot_id).booked_count


def everyone_books(app, live_server, capacity: int) -> tuple[list, int]:
    with app.app_context():
        supervisor, people = make_team(PEOPLE)
        kind = "individual" if capacity == 1 else "group"
        slot = make_slot(supervisor, kind=kind, capacity=capacity)
        db.session.commit()
        emails, slot_id = [person.email for person in people], slot.id
    sessions = [signed_in(live_server.url, email) for email in emails]
    url = f"{live_server.url}/supervision/slots/{slot_id}/book"

    def send(n):
        browser, csrf = sessions[n]
        return browser.post(url, headers={"X-CSRFToken": csrf, "Accept": "application/json"})

    return at_once(PEOPLE, send), slot_id


@pytest.mark.parametrize("capacity", [1, 6])
def test_fifty_mediators_at_once_fill_exactly_the_seats(app, live_server, capacity):
    responses, slot_id = everyone_books(app, live_server, capacity)
    codes = [response.status_code for response in responses]
    assert max(codes) < 500, codes
    assert codes.count(200) == capacity
    refusals = [response.json() for response in responses if response.status_code != 200]
    assert len(refusals) == PEOPLE - capacity
    assert {(r["status"], r["code"]) for r in refusals} == {(409, "slot_full")}
    assert {r["message"] for r in refusals} == {"This slot is full: every seat was taken."}
    assert booked(app, slot_id) == (capacity, capacity)


def test_a_double_click_on_two_overlapping_slots_books_one(app, live_server):
    with app.app_context():
        supervisor, (mediator,) = make_team(1)
        first = make_slot(supervisor, kind="group", capacity=5, start=time(10, 0), minutes=60)
        second = make_slot(supervisor, kind="group", capacity=5, start=time(10, 30), minutes=60)
        db.session.commit()
        email, ids = mediator.email, [first.id, second.id]
    browser, csrf = signed_in(live_server.url, email)
    tries = 20  # ten clicks on each, all at once

    def send(n):
        url = f"{live_server.url}/supervision/slots/{ids[n % 2]}/book"
        return browser.post(url, headers={"X-CSRFToken": csrf, "Accept": "application/json"})

    responses = at_once(tries, send)
    codes = [response.status_code for response in responses]
    assert max(codes) < 500, codes
    assert codes.count(200) == 1
    assert {response.json()["code"] for response in responses if response.status_code != 200} <= {
        "overlaps",
        "already_booked",
    }
    assert sum(booked(app, slot_id)[0] for slot_id in ids) == 1
    assert sorted(booked(app, slot_id)[1] for slot_id in ids) == [0, 1]
