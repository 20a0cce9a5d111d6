"""The hours pages run a fixed number of SQL queries, whatever the amount of data: the
mediator's record, a supervisee's record seen by their supervisor and the totals page run
as many with one marked slot as with five hundred, and no more than their budget."""

from datetime import time

import pytest
from sqlalchemy import insert, select

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Mark, Slot
from tests.factories import make_user
from tests.supervision.factories import athens_day, bulk_slots, make_team
from tests.supervision.hours_factories import make_period
from tests.supervision.test_query_counts import measure

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

# Every page: the login session with its account (1) and the navigation's counts (1). A
# record: its lines with their slots and supervisors, the periods (2); seen by the supervisor,
# the supervisee check (1). The totals: the current period, the periods, the mediators with
# their places, the marks (4).
BUDGET = {"own": 4, "supervisee": 5, "totals": 6}


def build(app, slots: int) -> dict:
    with app.app_context():
        supervisor, people = make_team(3)
        trainer = make_user("trainer")
        monday = services.monday_of(athens_day(-14))
        first = services.athens_moment(monday, time(0, 5))[0]
        bulk_slots(supervisor, slots, first)
        ids = db.session.scalars(
            select(Slot.id).where(Slot.supervisor_id == supervisor.id).order_by(Slot.id)
        ).all()
        statuses = ("attended", "no_show", "cancelled_late")
        rows = [
            {
                "slot_id": slot_id,
                "mediator_id": person.id,
                "status": statuses[(n + k) % 3],
                "marked_by_id": supervisor.id,
                "marked_at": utcnow(),
                "answer": "pending",
                "comment": "",
            }
            for n, slot_id in enumerate(ids)
            for k, person in enumerate(people)
        ]
        db.session.execute(insert(Mark), rows)
        make_period(athens_day(-60), athens_day(60), target=10)
        make_period(athens_day(-400), athens_day(-200), target=10, name="Παλιά")
        db.session.commit()
        return {
            "supervisor": supervisor.email,
            "mediator": people[0].email,
            "mediator_id": people[0].id,
            "trainer": trainer.email,
        }


def sizes(app, sign_in, count_queries, slots: int) -> dict:
    world = build(app, slots)
    mediator, supervisor = sign_in(world["mediator"]), sign_in(world["supervisor"])
    trainer = sign_in(world["trainer"])
    found = {
        "own": measure(count_queries, mediator, "/supervision/hours"),
        "supervisee": measure(
            count_queries, supervisor, f"/supervision/supervisees/{world['mediator_id']}/hours"
        ),
        "totals": measure(count_queries, trainer, "/supervision/hours/totals"),
    }
    with app.app_context():
        db.session.remove()
    return found


def test_hours_pages_run_a_fixed_number_of_queries(app, sign_in, count_queries):
    small = sizes(app, sign_in, count_queries, 1)
    big = sizes(app, sign_in, count_queries, 500)
    assert small == big
    over = {name: count for name, count in big.items() if count > BUDGET[name]}
    assert over == {}, f"over budget {BUDGET}: {big}"


def test_the_big_record_is_really_shown(app, sign_in):
    world = build(app, 500)
    page = sign_in(world["mediator"]).get("/supervision/hours").text
    assert page.count('class="topic-row" id="mark-') == 500
    # Every third slot from the first is attended (167 of 500), 15 minutes each: 41.75 hours.
    assert "41.75" in page
