"""The notes pages run a fixed number of SQL queries, whatever the number of notes and
reads: the mediator's action points (one note or sixty, each read recorded), their access
log, and the supervisor's notes on one mediator."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision.models import Booking, Note, NoteRead, Slot
from tests.supervision.factories import bulk_slots, make_team

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

# Every page: the login session with its account (1) and the navigation's counts (1). The
# action points: the notes with their sessions and authors (1), the reads recorded (1). The
# access log: the reads with readers and sessions (1). The supervisor's page: the slot, its
# bookings with the bookers, the note (3), the read recorded (1).
BUDGET = {"notes": 4, "reads": 3, "edit": 6}


def build(app, count: int) -> dict:
    """A supervisor's `count` past sessions, each booked by one mediator with notes on
    them, and three reads of each note."""
    with app.app_context():
        supervisor, (mediator,) = make_team(1)
        bulk_slots(supervisor, count, utcnow() - timedelta(days=30))
        slots = db.session.scalars(
            select(Slot.id).where(Slot.supervisor_id == supervisor.id).order_by(Slot.id)
        ).all()
        db.session.execute(
            insert(Booking),
            [{"slot_id": s, "mediator_id": mediator.id, "status": "booked"} for s in slots],
        )
        db.session.execute(
            insert(Note),
            [
                {
                    "slot_id": s,
                    "mediator_id": mediator.id,
                    "author_id": supervisor.id,
                    "action_points": f"Σημείο {s}",
                    "private": f"Ιδιωτικό {s}",
                    "created_at": utcnow(),
                }
                for s in slots
            ],
        )
        notes = db.session.scalars(select(Note.id)).all()
        db.session.execute(
            insert(NoteRead),
            [
                {"note_id": n, "reader_id": reader, "read_at": utcnow()}
                for n in notes
                for reader in (mediator.id, supervisor.id, mediator.id)
            ],
        )
        db.session.commit()
        return {
            "supervisor": supervisor.email,
            "mediator": mediator.email,
            "edit": f"/supervision/slots/{slots[-1]}/notes/{mediator.id}",
        }


def measure(count_queries, browser, url: str) -> int:
    browser.get(url)
    with count_queries() as statements:
        response = browser.get(url)
    assert response.status_code == 200, url
    return len(statements)


def sizes(app, sign_in, count_queries, count: int) -> dict:
    world = build(app, count)
    mediator = sign_in(world["mediator"])
    found = {
        "notes": measure(count_queries, mediator, "/supervision/notes"),
        "reads": measure(count_queries, mediator, "/supervision/notes/reads"),
        "edit": measure(count_queries, sign_in(world["supervisor"]), world["edit"]),
    }
    with app.app_context():
        db.session.remove()
    return found


def test_the_notes_pages_run_a_fixed_number_of_queries(app, sign_in, count_queries):
    small = sizes(app, sign_in, count_queries, 1)
    big = sizes(app, sign_in, count_queries, 60)
    assert small == big
    over = {name: count for name, count in big.items() if count > BUDGET[name]}
    assert over == {}, f"over budget {BUDGET}: {big}"


def test_the_big_lists_are_really_shown(app, sign_in):
    world = build(app, 60)
    mediator = sign_in(world["mediator"])
    assert mediator.get("/supervision/notes").text.count('class="note-text"') == 60
    log = mediator.get("/supervision/notes/reads").text
    assert log.count("<tr") == 1 + 200  # the head and the latest 200 of 240 reads
