"""Factories for training records: a session on a given Athens day and time with attendance
marks, written straight to the table (marking through the service is tested elsewhere)."""

from datetime import date, time

from sqlalchemy import insert

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.training.models import Attendance
from tests.training.factories import make_session


def marked_session(
    marks: dict, *, day: date, start: time = time(10, 0), end: time = time(12, 0), **fields
):
    """A session on `day` (Athens) from `start` to `end`, with `marks` ({user: status})."""
    row = make_session(day=day, start=start, end=end, **fields)
    if marks:
        db.session.execute(
            insert(Attendance),
            [
                {
                    "session_id": row.id,
                    "user_id": person.id,
                    "status": status,
                    "marked_at": utcnow(),
                }
                for person, status in marks.items()
            ],
        )
    return row
