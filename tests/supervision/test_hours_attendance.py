"""Marking a slot's attendance: only after it started, only its own supervisor, only the
mediators who booked it (or cancelled late, or were marked), only the three marks; saving
again updates the one row per mediator, and a changed mark asks the mediator again."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Mark
from mediator_portal.supervision.services import hours_errors
from tests.factories import make_user
from tests.supervision.factories import make_slot, make_team
from tests.supervision.hours_factories import attended, book_back_then, past_slot


def marks_of(slot):
    return dict(
        db.session.execute(
            select(Mark.mediator_id, Mark.status).where(Mark.slot_id == slot.id)
        ).all()
    )


def test_the_supervisor_marks_everyone_at_once(app_ctx):
    supervisor, (one, two) = make_team(2)
    slot = past_slot(supervisor, kind="group", capacity=4)
    book_back_then(slot, one, two)
    count = services.mark_attendance(
        db.session, slot, supervisor=supervisor, marks={one.id: "attended", two.id: "no_show"}
    )
    assert count == 2
    assert marks_of(slot) == {one.id: "attended", two.id: "no_show"}


def test_saving_again_updates_the_one_row_and_a_change_asks_again(app_ctx):
    supervisor, (one,) = make_team(1)
    slot = attended(supervisor, [one])
    mark = db.session.scalar(select(Mark).where(Mark.slot_id == slot.id))
    services.confirm(db.session, mark, one)
    services.mark_attendance(db.session, slot, supervisor=supervisor, marks={one.id: "attended"})
    db.session.expire_all()
    assert mark.answer == services.CONFIRMED  # the same mark: still confirmed
    services.mark_attendance(db.session, slot, supervisor=supervisor, marks={one.id: "no_show"})
    db.session.expire_all()
    rows = db.session.scalar(select(func.count()).select_from(Mark).where(Mark.slot_id == slot.id))
    assert rows == 1 and mark.status == "no_show" and mark.answer == services.PENDING


def test_not_before_the_slot_starts(app_ctx):
    supervisor, (one,) = make_team(1)
    slot = make_slot(supervisor, days_ahead=3)
    services.book(db.session, slot, one)
    with pytest.raises(hours_errors.NotStartedYet):
        services.mark_attendance(
            db.session, slot, supervisor=supervisor, marks={one.id: "attended"}
        )
    later = slot.starts_at + timedelta(minutes=1)
    assert services.mark_attendance(
        db.session, slot, supervisor=supervisor, marks={one.id: "attended"}, now=later
    )


def test_only_the_slots_own_supervisor(app_ctx):
    supervisor, (one,) = make_team(1)
    other, _ = make_team(0)
    slot = past_slot(supervisor)
    book_back_then(slot, one)
    with pytest.raises(services.NotFound):
        services.mark_attendance(db.session, slot, supervisor=other, marks={one.id: "attended"})


def test_only_the_three_marks_and_only_people_on_the_sheet(app_ctx):
    supervisor, (one, two) = make_team(2)
    slot = past_slot(supervisor)
    book_back_then(slot, one)
    with pytest.raises(hours_errors.UnknownMark):
        services.mark_attendance(db.session, slot, supervisor=supervisor, marks={one.id: "late"})
    with pytest.raises(hours_errors.UnknownMark):
        services.mark_attendance(
            db.session, slot, supervisor=supervisor, marks={two.id: "attended"}
        )
    assert marks_of(slot) == {}


def test_a_cancelled_slot_is_not_marked(app_ctx):
    supervisor, (one,) = make_team(1)
    slot = past_slot(supervisor)
    book_back_then(slot, one)
    slot.status = "cancelled"
    with pytest.raises(services.SupervisionError) as caught:
        services.mark_attendance(
            db.session, slot, supervisor=supervisor, marks={one.id: "attended"}
        )
    assert caught.value.status == 409


def test_the_sheet_lists_the_booked_and_the_late_with_a_suggestion(app_ctx):
    supervisor, (one, two, three) = make_team(3)
    slot = past_slot(supervisor, kind="group", capacity=4)
    book_back_then(slot, one, two, three)
    booking = db.session.scalar(
        select(services.Booking).where(
            services.Booking.slot_id == slot.id, services.Booking.mediator_id == two.id
        )
    )
    booking.status = services.CANCELLED_LATE
    on_time = db.session.scalar(
        select(services.Booking).where(
            services.Booking.slot_id == slot.id, services.Booking.mediator_id == three.id
        )
    )
    on_time.status = services.CANCELLED_BY_MEDIATOR
    db.session.flush()
    sheet = {row.mediator_id: row for row in services.attendance_sheet(db.session, slot)}
    assert set(sheet) == {one.id, two.id}
    assert sheet[one.id].suggested == "attended" and sheet[one.id].status is None
    assert sheet[two.id].suggested == "cancelled_late"


def test_marking_is_audited(app_ctx):
    supervisor, (one,) = make_team(1)
    attended(supervisor, [one])
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "supervision.attendance")
    )
    assert entry is not None and entry.actor_id == supervisor.id


def test_a_mediator_cannot_mark(app_ctx):
    supervisor, (one,) = make_team(1)
    slot = past_slot(supervisor)
    book_back_then(slot, one)
    with pytest.raises(services.NotFound):
        services.mark_attendance(db.session, slot, supervisor=one, marks={one.id: "attended"})
    with pytest.raises(services.NotFound):
        services.mark_attendance(
            db.session, slot, supervisor=make_user("admin"), marks={one.id: "attended"}
        )
