"""Publishing, changing and cancelling slots: each refusal with its message; a change or a
cancellation of a slot with bookings tells the booked mediators why (and only them);
cancelling one occurrence of a series leaves the others; a series is cancelled from a day."""

from datetime import time, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.supervision import services
from mediator_portal.supervision.services import errors
from mediator_portal.timezones import to_local
from tests.supervision.factories import athens_day, make_slot, make_team


def english(error) -> str:
    with force_locale("en"):
        return str(error.value.message)


def told(kind: str) -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Notification.recipient_id, Notification.detail)
        .where(Notification.kind == kind)
        .order_by(Notification.recipient_id)
    )
    return [tuple(row) for row in rows]


@pytest.mark.parametrize(
    ("fields", "error", "text"),
    [
        ({"kind": "group", "capacity": 1}, errors.BadCapacity, "A group slot has from 2 to 50"),
        ({"kind": "group", "capacity": 51}, errors.BadCapacity, "A group slot has from 2 to 50"),
        ({"kind": "group", "capacity": None}, errors.BadCapacity, "A group slot has"),
        ({"kind": "other"}, errors.BadCapacity, "A group slot has"),
        ({"minutes": 10}, errors.BadDuration, "The duration must be from 15 minutes"),
        ({"minutes": 481}, errors.BadDuration, "The duration must be from 15 minutes"),
        ({"where": services.Where(True, None)}, errors.MissingPlace, "An online slot needs"),
        ({"where": services.Where(False, None, " ")}, errors.MissingPlace, "An online slot"),
        ({"where": services.Where(True, "http://x.org")}, errors.BadMeetingLink, "https://"),
        ({"days_back": 1}, errors.InThePast, "A slot must start in the future."),
    ],
)
def test_publishing_refuses_what_is_wrong(app_ctx, fields, error, text):
    supervisor, _ = make_team(0)
    fields = dict(fields)
    day = athens_day(-fields.pop("days_back", -3))
    arguments = {
        "kind": "individual",
        "where": services.Where(True, "https://meet.example.org/room"),
        "day": day,
        "start": time(10, 0),
        "minutes": 60,
        **fields,
    }
    with pytest.raises(error) as raised:
        services.publish(db.session, supervisor=supervisor, **arguments)
    assert text in english(raised)


def test_an_individual_slot_has_one_seat_and_no_group(app_ctx):
    supervisor, people = make_team(2)
    group = services.create_group(
        db.session, supervisor=supervisor, name="Α", member_ids=[p.id for p in people]
    )
    slot = make_slot(supervisor, kind="individual", capacity=9, group_id=group.id)
    assert (slot.capacity, slot.group_id, slot.booked_count) == (1, None, 0)


def test_a_group_slot_for_another_supervisor_s_group_is_refused(app_ctx):
    supervisor, _ = make_team(0)
    other, people = make_team(1)
    group = services.create_group(db.session, supervisor=other, name="Β", member_ids=[people[0].id])
    with pytest.raises(errors.UnknownGroup):
        make_slot(supervisor, kind="group", capacity=4, group_id=group.id)


def test_the_database_refuses_more_bookings_than_seats(app_ctx):
    supervisor, _ = make_team(0)
    slot = make_slot(supervisor, kind="group", capacity=2)
    slot.booked_count = 3
    with pytest.raises(Exception, match="(?i)check"):
        db.session.flush()
    db.session.rollback()


def test_changing_a_booked_slot_tells_the_booked_with_the_reason(app_ctx):
    supervisor, (booked, cancelled) = make_team(2)
    slot = make_slot(supervisor, kind="group", capacity=4, days_ahead=5)
    services.book(db.session, slot, booked)
    gone = services.book(db.session, slot, cancelled)
    services.cancel_booking(db.session, gone, cancelled)
    local = to_local(slot.starts_at)
    arguments = {
        "supervisor": supervisor,
        "where": services.Where(False, None, "Αίθουσα 2"),
        "day": local.date() + timedelta(days=1),
        "start": time(11, 0),
        "minutes": 45,
        "capacity": 4,
    }
    with pytest.raises(errors.ReasonRequired) as raised:
        services.edit(db.session, slot, **arguments)
    assert english(raised) == "Please say why: the mediators who booked are told."
    sequence = slot.sequence
    services.edit(db.session, slot, reason="Αλλαγή αίθουσας", **arguments)
    assert to_local(slot.starts_at).time() == time(11, 0) and slot.minutes == 45
    assert slot.place == "Αίθουσα 2" and not slot.online and slot.meeting_url is None
    assert slot.sequence == sequence + 1
    assert told(services.CHANGED_KIND) == [(booked.id, "Αλλαγή αίθουσας")]


def test_seats_cannot_drop_below_the_bookings(app_ctx):
    supervisor, people = make_team(3)
    slot = make_slot(supervisor, kind="group", capacity=4, days_ahead=5)
    for person in people:
        services.book(db.session, slot, person)
    local = to_local(slot.starts_at)
    with pytest.raises(errors.CapacityBelowBookings):
        services.edit(
            db.session,
            slot,
            supervisor=supervisor,
            where=services.Where(True, slot.meeting_url),
            day=local.date(),
            start=local.time(),
            minutes=60,
            capacity=2,
            reason="Λιγότερες",
        )


def test_an_unbooked_slot_changes_without_a_reason_and_tells_nobody(app_ctx):
    supervisor, _ = make_team(1)
    slot = make_slot(supervisor, days_ahead=5)
    local = to_local(slot.starts_at)
    services.edit(
        db.session,
        slot,
        supervisor=supervisor,
        where=services.Where(True, slot.meeting_url),
        day=local.date(),
        start=time(9, 0),
        minutes=30,
    )
    assert told(services.CHANGED_KIND) == []


def test_cancelling_a_slot_ends_its_bookings_and_tells_why(app_ctx):
    supervisor, (first, second) = make_team(2)
    slot = make_slot(supervisor, kind="group", capacity=3)
    services.book(db.session, slot, first)
    services.book(db.session, slot, second)
    with pytest.raises(errors.ReasonRequired):
        services.cancel(db.session, slot, supervisor=supervisor)
    assert services.cancel(db.session, slot, supervisor=supervisor, reason="Ασθένεια") == 2
    assert slot.status == "cancelled" and slot.booked_count == 0 and slot.cancel_reason
    statuses = {b.status for b in services.get_slot(db.session, slot.id).bookings}
    assert statuses == {services.SLOT_CANCELLED}
    assert told(services.CANCELLED_KIND) == [(first.id, "Ασθένεια"), (second.id, "Ασθένεια")]
    with pytest.raises(errors.SlotCancelled):
        services.cancel(db.session, slot, supervisor=supervisor, reason="ξανά")


def test_cancelling_one_occurrence_leaves_the_others(app_ctx):
    supervisor, _ = make_team(0)
    first = make_slot(supervisor, kind="group", capacity=3, repeat_until=athens_day(3 + 21))
    series = services.own_series_or_404(db.session, supervisor, first.series_id)
    slots = db.session.scalars(
        select(services.Slot).where(services.Slot.series_id == series.id).order_by("starts_at")
    ).all()
    assert len(slots) == 4
    services.cancel(db.session, slots[1], supervisor=supervisor)
    assert [slot.status for slot in slots] == ["active", "cancelled", "active", "active"]


def test_cancelling_a_series_from_a_day_keeps_the_earlier_ones(app_ctx):
    supervisor, (mediator,) = make_team(1)
    first = make_slot(supervisor, kind="group", capacity=3, repeat_until=athens_day(3 + 28))
    series = services.own_series_or_404(db.session, supervisor, first.series_id)
    slots = db.session.scalars(
        select(services.Slot).where(services.Slot.series_id == series.id).order_by("starts_at")
    ).all()
    services.book(db.session, slots[3], mediator)
    count = services.cancel_series(
        db.session, series, supervisor=supervisor, from_day=athens_day(3 + 14), reason="Άδεια"
    )
    assert count == 3
    assert [slot.status for slot in slots] == ["active", "active"] + ["cancelled"] * 3
    assert told(services.CANCELLED_KIND) == [(mediator.id, "Άδεια")]


def test_another_supervisor_s_slot_and_series_are_not_found(app_ctx):
    supervisor, _ = make_team(0)
    other, _ = make_team(0)
    slot = make_slot(other, repeat_until=athens_day(3 + 7))
    with pytest.raises(errors.NotFound):
        services.own_slot_or_404(db.session, supervisor, slot.id)
    with pytest.raises(errors.NotFound):
        services.own_series_or_404(db.session, supervisor, slot.series_id)
