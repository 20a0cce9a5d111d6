"""The supervision pages run a fixed number of SQL queries, whatever the amount of data: the
supervisor's week and month, the mediator's booking page and "My bookings" run as many with
one slot as with five hundred in the week (with bookings), and no more than their budget."""

from datetime import time

import pytest
from sqlalchemy import insert, select

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Booking, Slot
from tests.supervision.factories import athens_day, bulk_slots, make_slot, make_team

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

# Every page: the login session with its account (1) and the navigation's counts (1). The
# week: its slots, their bookings with the bookers (2). The month: its slots (1). The booking
# page: the current supervisor, the slots with their groups, the viewer's bookings among
# them (3). My bookings: the bookings with their slots and groups (1).
BUDGET = {"week": 4, "month": 3, "book": 6, "bookings": 4}


def build(app, slots: int) -> dict:
    with app.app_context():
        supervisor, people = make_team(3)
        monday = services.monday_of(athens_day(7))
        first = services.athens_moment(monday, time(0, 5))[0]
        bulk_slots(supervisor, slots, first)
        ids = db.session.scalars(
            select(Slot.id).where(Slot.supervisor_id == supervisor.id).order_by(Slot.id)
        ).all()
        rows = [
            {
                "slot_id": slot_id,
                "mediator_id": person.id,
                "status": "booked",
                "created_at": utcnow(),
            }
            for slot_id in ids
            for person in people
        ]
        db.session.execute(insert(Booking), rows)
        db.session.execute(
            Slot.__table__.update().where(Slot.id.in_(ids)).values(booked_count=len(people))
        )
        db.session.commit()
        return {
            "supervisor": supervisor.email,
            "mediator": people[0].email,
            "week": monday.isoformat(),
            "month": f"{monday.year:04d}-{monday.month:02d}",
        }


def measure(count_queries, browser, url: str) -> int:
    browser.get(url)
    with count_queries() as statements:
        response = browser.get(url)
    assert response.status_code == 200, url
    return len(statements)


def sizes(app, sign_in, count_queries, slots: int) -> dict:
    world = build(app, slots)
    supervisor, mediator = sign_in(world["supervisor"]), sign_in(world["mediator"])
    found = {
        "week": measure(count_queries, supervisor, f"/supervision/?week={world['week']}"),
        "month": measure(count_queries, supervisor, f"/supervision/month?month={world['month']}"),
        "book": measure(count_queries, mediator, f"/supervision/book?week={world['week']}"),
        "bookings": measure(count_queries, mediator, "/supervision/bookings"),
    }
    with app.app_context():
        db.session.remove()
    return found


def test_supervision_pages_run_a_fixed_number_of_queries(app, sign_in, count_queries):
    small = sizes(app, sign_in, count_queries, 1)
    big = sizes(app, sign_in, count_queries, 500)
    assert small == big
    over = {name: count for name, count in big.items() if count > BUDGET[name]}
    assert over == {}, f"over budget {BUDGET}: {big}"


def test_the_big_week_is_really_shown(app, sign_in):
    world = build(app, 500)
    page = sign_in(world["mediator"]).get(f"/supervision/book?week={world['week']}").text
    assert page.count('class="topic-row slot-row"') == 500
    assert "3 of 6 seats free" in page


# The slot page of a full group slot: the login (1), navigation (1), the slot with its group
# and bookings (2), whether a mediator who has not booked it may see it (1), the viewer's
# waitlist entry and the list's counts (2).
SLOT_BUDGET = 7


def waitlist_world(app, waiting: int) -> dict:
    with app.app_context():
        supervisor, people = make_team(2 + waiting)
        slot = make_slot(supervisor, kind="group", capacity=2, days_ahead=5)
        for person in people[:2]:
            services.book(db.session, slot, person)
        for person in people[2:]:
            services.join(db.session, slot, person)
        db.session.commit()
        return {"slot": slot.id, "waiter": people[-1].email, "supervisor": supervisor.email}


def test_the_slot_page_with_its_waitlist_runs_a_fixed_number_of_queries(
    app, sign_in, count_queries
):
    found = []
    for waiting in (1, 60):
        world = waitlist_world(app, waiting)
        url = f"/supervision/slots/{world['slot']}"
        waiter, supervisor = sign_in(world["waiter"]), sign_in(world["supervisor"])
        assert "You are on the waitlist" in waiter.get(url).text
        found.append(
            (
                measure(count_queries, waiter, url),
                measure(count_queries, supervisor, url),
                measure(count_queries, waiter, "/supervision/bookings"),
            )
        )
        with app.app_context():
            db.session.remove()
    assert found[0] == found[1]
    assert max(found[1][:2]) <= SLOT_BUDGET, found
