"""A cancelled slot reaches the mediators who booked it by e-mail through the notifications'
queue, with the reason and the slot's link (and nobody else); the demo data loads once."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Assignment, Booking, Mark, Period, Slot
from tests.jobs_support import InProcessWorker
from tests.notifications.helpers import parts_of
from tests.supervision.factories import make_slot, make_team

pytestmark = pytest.mark.database

PUBLIC_URL = "https://portal.example.org"


def drained() -> None:
    running = InProcessWorker(2).start()
    try:
        running.drain()
    finally:
        running.stop()


def test_a_cancelled_slot_is_emailed_to_those_booked_with_the_reason(app, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    with app.app_context():
        supervisor, (booked, idle) = make_team(2)
        booked.locale = "en"
        slot = make_slot(supervisor, kind="group", capacity=4)
        services.book(db.session, slot, booked)
        db.session.commit()
        services.cancel(db.session, slot, supervisor=supervisor, reason="Ο επόπτης νοσεί")
        db.session.commit()
        email, slot_id = booked.email, slot.id
    drained()
    [message] = mailbox
    assert message["To"] == email
    assert message["Subject"].startswith("A supervision session I booked was cancelled")
    for body in parts_of(message).values():
        assert f"{PUBLIC_URL}/supervision/slots/{slot_id}" in body
        assert "Ο επόπτης νοσεί" in body


def test_the_demo_data_has_teams_slots_and_bookings_once(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["demo-data"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        count = db.session.scalar
        assert count(select(func.count()).select_from(Assignment)) == 10
        assert count(select(func.count()).select_from(Slot)) == 12
        assert count(select(func.count()).select_from(Booking)) == 10
        assert count(select(func.count()).select_from(Period)) == 1
        marks = db.session.execute(select(Mark.status, func.count()).group_by(Mark.status)).all()
        assert dict(marks) == {"attended": 4, "no_show": 1}
        people = {
            user.email: user.id
            for user in db.session.scalars(select(User).where(User.email.like("mediator0%")))
        }
        below = services.hours_below_target(db.session, people.values(), None)  # current period
        assert below[people["mediator01@example.org"]] == Decimal("10.50")  # 12 - 1.5 attended
        assert below[people["mediator04@example.org"]] == Decimal("12.00")  # a no-show
        assert below[people["mediator05@example.org"]] == Decimal("11.17")  # 12 - 50 minutes
