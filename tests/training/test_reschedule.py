"""Moving a session (`reschedule_session`): the rules of creating one, and the calendar
SEQUENCE up by one when the time or the place changes (never otherwise), audited."""

from datetime import date, time

import pytest
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.factories import make_user
from tests.training.factories import make_session

DAY = date(2027, 5, 4)
SAME = {"day": DAY, "start": time(10), "end": time(12), "online": True}
LINK = "https://meet.example.org/room"


@pytest.fixture
def row(app_ctx):
    return make_session(day=DAY)


def _move(row, actor=None, **changes):
    values = {**SAME, "meeting_url": LINK, **changes}
    return services.reschedule_session(
        db.session, row, actor=actor or make_user("trainer"), **values
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"start": time(9)},
        {"end": time(13)},
        {"day": date(2027, 5, 5)},
        {"meeting_url": "https://meet.example.org/other"},
        {"online": False, "place": "Αίθουσα Γ"},
    ],
    ids=["start", "end", "day", "link", "place"],
)
def test_a_change_of_time_or_place_raises_the_sequence(row, changes):
    assert row.sequence == 0
    _move(row, **changes)
    assert row.sequence == 1
    [entry] = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "training.session.reschedule")
    ).all()
    assert entry.target_id == row.id and entry.details["changed"]


def test_nothing_changed_nothing_recorded(row):
    _move(row)
    assert row.sequence == 0
    moved = select(AuditEntry).where(AuditEntry.action == "training.session.reschedule")
    assert db.session.scalar(moved) is None


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"start": time(13)}, services.EndsBeforeStart),
        ({"day": date(2027, 3, 28), "start": time(3, 30)}, services.TimeDoesNotExist),
        ({"online": False, "place": "  "}, services.MissingPlace),
        ({"meeting_url": "http://insecure.example.org"}, services.BadMeetingLink),
    ],
    ids=["ends-before", "spring-gap", "no-place", "bad-link"],
)
def test_the_rules_of_creating_hold(row, changes, error):
    with pytest.raises(error):
        _move(row, **changes)
    assert row.sequence == 0


def test_only_trainers_move_sessions(row):
    with pytest.raises(services.NotAllowed):
        _move(row, actor=make_user("mediator"), start=time(9))
