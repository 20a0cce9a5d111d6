"""The booking rules, each with its clear message: own supervisor only, group members only,
minimum notice, at most N future individual bookings, no overlap, one seat per person,
capacity, cancellation deadline (later: recorded as late), the seat freed."""

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import update

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Slot
from mediator_portal.supervision.services import errors
from mediator_portal.timezones import to_local
from tests.factories import make_user
from tests.supervision.factories import make_slot, make_team


def message(error) -> str:
    """The error's message in English."""
    with force_locale("en"):
        return str(error.value.message)


def test_a_mediator_books_a_seat_of_their_supervisor_s_slot(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor)
    booking = services.book(db.session, slot, mediator)
    assert booking.status == services.BOOKED
    assert slot.booked_count == 1 and slot.seats_free == 0


def test_another_supervisor_s_slot_is_refused(app_ctx):
    _, (mediator,) = make_team()
    other, _ = make_team()
    with pytest.raises(errors.NotYourSupervisor) as error:
        services.book(db.session, make_slot(other), mediator)
    assert message(error) == "You can book only the slots of your own supervisor."


def test_a_mediator_without_a_supervisor_is_refused(app_ctx):
    supervisor, _ = make_team()
    with pytest.raises(errors.NotYourSupervisor):
        services.book(db.session, make_slot(supervisor), make_user("mediator"))


def test_a_group_slot_for_a_group_takes_its_members_only(app_ctx):
    supervisor, (inside, outside) = make_team(2)
    group = services.create_group(
        db.session, supervisor=supervisor, name="Ομάδα", member_ids=[inside.id]
    )
    slot = make_slot(supervisor, kind=services.GROUP, capacity=4, group_id=group.id)
    services.book(db.session, slot, inside)
    with pytest.raises(errors.NotInGroup) as error:
        services.book(db.session, slot, outside)
    assert "another supervision group" in message(error)


def test_minimum_notice(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor, days_ahead=2)
    with pytest.raises(errors.TooLate) as error:
        services.book(db.session, slot, mediator, now=slot.starts_at - timedelta(hours=23))
    assert message(error) == "Slots are booked at least 24 hours before they start."
    services.book(db.session, slot, mediator, now=slot.starts_at - timedelta(hours=24))


def test_minimum_notice_comes_from_the_settings(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "SUPERVISION_MIN_NOTICE_HOURS", 2)
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor, days_ahead=2)
    services.book(db.session, slot, mediator, now=slot.starts_at - timedelta(hours=3))


def test_at_most_two_future_individual_bookings(app_ctx):
    supervisor, (mediator,) = make_team()
    first, second, third = (make_slot(supervisor, days_ahead=n) for n in (3, 4, 5))
    services.book(db.session, first, mediator)
    services.book(db.session, second, mediator)
    with pytest.raises(errors.TooManyIndividual) as error:
        services.book(db.session, third, mediator)
    assert "already have 2 individual sessions booked ahead" in message(error)
    # A group slot does not count, and a cancelled booking frees the place.
    services.book(db.session, make_slot(supervisor, kind="group", capacity=3), mediator)
    booking = services.live_booking(services.get_slot(db.session, first.id), mediator.id)
    services.cancel_booking(db.session, booking, mediator)
    services.book(db.session, third, mediator)


def test_two_overlapping_bookings_are_refused(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor, kind="group", capacity=3, days_ahead=3, minutes=90)
    services.book(db.session, slot, mediator)
    start = to_local(slot.starts_at)
    later = make_slot(supervisor, day=start.date(), start=(start + timedelta(minutes=30)).time())
    with pytest.raises(errors.Overlaps) as error:
        services.book(db.session, later, mediator)
    assert message(error) == "You already have a booking at that time."
    right_after = make_slot(supervisor, day=start.date(), start=to_local(slot.ends_at).time())
    services.book(db.session, right_after, mediator)  # touching is not overlapping


def test_one_live_booking_per_slot_and_person(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor, kind="group", capacity=3)
    services.book(db.session, slot, mediator)
    with pytest.raises(errors.AlreadyBooked) as error:
        services.book(db.session, slot, mediator)
    assert message(error) == "You have already booked this slot."


def test_a_full_slot_refuses_the_next(app_ctx):
    supervisor, people = make_team(3)
    slot = make_slot(supervisor, kind="group", capacity=2)
    services.book(db.session, slot, people[0])
    services.book(db.session, slot, people[1])
    with pytest.raises(errors.SlotFull) as error:
        services.book(db.session, slot, people[2])
    assert message(error) == "This slot is full: every seat was taken."
    assert slot.booked_count == 2


def test_a_cancelled_slot_takes_no_booking(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor)
    services.cancel(db.session, slot, supervisor=supervisor)
    with pytest.raises(errors.SlotCancelled):
        services.book(db.session, slot, mediator)


def test_cancelling_in_time_frees_the_seat(app_ctx):
    supervisor, (first, second) = make_team(2)
    slot = make_slot(supervisor)
    booking = services.book(db.session, slot, first)
    assert services.cancel_booking(db.session, booking, first) == services.CANCELLED_BY_MEDIATOR
    assert slot.booked_count == 0
    services.book(db.session, slot, second)
    with pytest.raises(errors.NotBooked) as error:
        services.cancel_booking(db.session, booking, first)
    assert message(error) == "This booking is no longer active."


def test_cancelling_after_the_deadline_is_recorded_as_late(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor)
    booking = services.book(db.session, slot, mediator)
    early = slot.starts_at - timedelta(hours=12)
    assert not services.is_late(slot, early)
    assert services.is_late(slot, early + timedelta(minutes=1))
    status = services.cancel_booking(db.session, booking, mediator, now=early + timedelta(hours=1))
    assert status == services.CANCELLED_LATE
    db.session.refresh(booking)
    assert booking.status == "cancelled_late" and booking.cancelled_at is not None


def test_a_started_slot_cannot_be_cancelled_by_the_mediator(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor)
    booking = services.book(db.session, slot, mediator)
    with pytest.raises(errors.SlotStarted):
        services.cancel_booking(db.session, booking, mediator, now=slot.starts_at)


def test_a_slot_cancelled_after_the_page_read_it_is_said_so(app_ctx):
    supervisor, (mediator,) = make_team()
    slot = make_slot(supervisor)
    db.session.execute(
        update(Slot).where(Slot.id == slot.id).values(status="cancelled"),
        execution_options={"synchronize_session": False},
    )
    assert slot.status == "active"  # the copy read before the cancellation
    with pytest.raises(errors.SlotCancelled):
        services.book(db.session, slot, mediator)
