"""The fair waitlist of full group slots, with time controlled: a seat freed goes to the
waiting mediator furthest below their hours target (ties: earliest on the list), held for
the claim window (shorter close to the start), passed on once when it expires; nobody is
booked without accepting; accepting twice books once; an expired offer cannot be accepted;
while people wait, nobody books past them."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.supervision import services
from mediator_portal.supervision.jobs import pass_offers_now
from mediator_portal.supervision.models import ACCEPTED, EXPIRED, OFFERED, WAITING
from mediator_portal.supervision.services import waitlist
from mediator_portal.supervision.services.waitlist_errors import (
    AlreadyWaiting,
    HeldForWaitlist,
    NoOffer,
    NoWaitlist,
    OfferExpired,
    SeatsFree,
)
from tests.supervision.factories import athens_day, make_slot, make_team
from tests.supervision.hours_factories import attended, make_period
from tests.supervision.waitlist_helpers import entry_of, free_a_seat, full_slot, offers_to, seats

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def test_only_a_full_group_slot_has_a_waitlist_and_one_place_each(app_ctx):
    supervisor, (one, two) = make_team(2)
    single = make_slot(supervisor)
    group = make_slot(supervisor, kind="group", capacity=2)
    with pytest.raises(NoWaitlist):
        services.join(db.session, single, one)
    with pytest.raises(SeatsFree):
        services.join(db.session, group, one)
    slot, _, (waiter,), now = full_slot(1)
    with pytest.raises(AlreadyWaiting):
        services.join(db.session, slot, waiter, now)
    assert entry_of(slot, waiter).status == WAITING and offers_to(waiter) == 0


def test_a_freed_seat_is_offered_to_the_one_furthest_below_target(app_ctx, monkeypatch):
    slot, booked, (first, second, third), now = full_slot(3)
    below = {first.id: 1.0, second.id: 6.5, third.id: 6.5}
    monkeypatch.setattr(waitlist, "hours_below_target", lambda s, ids, p: below)
    assert free_a_seat(slot, booked[0], now) == [entry_of(slot, second).id]
    assert entry_of(slot, second).status == OFFERED
    assert entry_of(slot, first).status == entry_of(slot, third).status == WAITING
    assert [offers_to(p) for p in (first, second, third)] == [0, 1, 0]
    assert seats(slot.id) == (1, 1)  # nobody is booked without accepting


def test_on_a_tie_the_earliest_on_the_list_is_offered(app_ctx):
    slot, booked, (first, second), now = full_slot(2)
    free_a_seat(slot, booked[0], now)
    assert (entry_of(slot, first).status, entry_of(slot, second).status) == (OFFERED, WAITING)


def test_the_claim_window_is_two_hours_or_half_the_time_left(app_ctx):
    slot, *_ = full_slot(1)
    far = slot.starts_at - timedelta(days=1)
    assert services.claim_window(slot, far) == far + timedelta(hours=2)
    near = slot.starts_at - timedelta(hours=3)
    assert services.claim_window(slot, near) == near + timedelta(hours=1, minutes=30)


def test_an_unclaimed_offer_passes_to_the_next_exactly_once(app_ctx):
    slot, booked, (first, second, third), now = full_slot(3)
    free_a_seat(slot, booked[0], now)
    ends = entry_of(slot, first).expires_at
    assert pass_offers_now(ends - timedelta(minutes=1)) == 0
    assert pass_offers_now(ends) == 1
    assert pass_offers_now(ends) == 0  # the job again: nothing new
    assert pass_offers_now(ends + timedelta(minutes=5)) == 0
    assert entry_of(slot, first).status == EXPIRED
    assert entry_of(slot, second).status == OFFERED and entry_of(slot, third).status == WAITING
    assert [offers_to(p) for p in (first, second, third)] == [1, 1, 0]
    assert seats(slot.id) == (1, 1)


def test_an_expired_offer_cannot_be_accepted(app_ctx):
    slot, booked, (first, second), now = full_slot(2)
    free_a_seat(slot, booked[0], now)
    entry = entry_of(slot, first)
    late = entry.expires_at
    with pytest.raises(OfferExpired):
        services.accept(db.session, entry, first, late)
    db.session.rollback()
    pass_offers_now(late)
    with pytest.raises(OfferExpired):
        services.accept(db.session, entry_of(slot, first), first, late + timedelta(minutes=1))
    db.session.rollback()
    assert seats(slot.id) == (1, 1)


def test_accepting_books_through_the_seat_counter_and_twice_books_once(app_ctx):
    slot, booked, (first, second), now = full_slot(2)
    free_a_seat(slot, booked[0], now)
    entry = entry_of(slot, first)
    booking = services.accept(db.session, entry, first, now + timedelta(minutes=5))
    db.session.commit()
    assert booking.status == "booked" and entry_of(slot, first).status == ACCEPTED
    with pytest.raises(NoOffer):
        services.accept(db.session, entry_of(slot, first), first, now + timedelta(minutes=6))
    db.session.rollback()
    assert seats(slot.id) == (2, 2)
    assert entry_of(slot, second).status == WAITING and offers_to(second) == 0


def test_a_seat_held_for_the_waitlist_cannot_be_booked_directly(app_ctx):
    slot, booked, (first,), now = full_slot(1)
    free_a_seat(slot, booked[0], now)
    with pytest.raises(HeldForWaitlist):
        services.book_seat(db.session, slot, booked[0], now + timedelta(minutes=1))
    db.session.rollback()
    services.leave(db.session, entry_of(slot, first), first, now + timedelta(minutes=2))
    db.session.commit()  # nobody waits any more: the seat is open to all again
    services.book_seat(db.session, slot, booked[0], now + timedelta(minutes=3))
    db.session.commit()
    assert seats(slot.id) == (2, 2)


def test_leaving_with_a_seat_on_offer_passes_it_on(app_ctx):
    slot, booked, (first, second), now = full_slot(2)
    free_a_seat(slot, booked[0], now)
    services.leave(db.session, entry_of(slot, first), first, now + timedelta(minutes=1))
    db.session.commit()
    assert entry_of(slot, first).status == "left"
    assert entry_of(slot, second).status == OFFERED and offers_to(second) == 1


def test_an_offer_close_to_the_start_is_accepted_despite_the_minimum_notice(app_ctx):
    slot, booked, (first,), now = full_slot(1)
    near = slot.starts_at - timedelta(hours=3)
    free_a_seat(slot, booked[0], near)
    entry = entry_of(slot, first)
    assert entry.expires_at == near + timedelta(hours=1, minutes=30)
    services.accept(db.session, entry, first, near + timedelta(hours=1))
    db.session.commit()
    assert seats(slot.id) == (2, 2)


def test_the_job_offers_a_seat_freed_without_an_offer_once(app_ctx):
    slot, booked, (first, second), now = full_slot(2)
    booking = services.live_booking(services.get_slot(db.session, slot.id), booked[0].id)
    services.cancel_booking(db.session, booking, booked[0], now)  # no offer made here
    db.session.commit()
    assert entry_of(slot, first).status == WAITING
    assert pass_offers_now(now + timedelta(minutes=1)) == 1
    assert pass_offers_now(now + timedelta(minutes=2)) == 0
    assert (entry_of(slot, first).status, entry_of(slot, second).status) == (OFFERED, WAITING)
    assert offers_to(first) == 1


def test_the_offer_follows_the_hours_really_attended_this_period(app_ctx):
    """Without a stand-in for the hours: the first on the list has attended an hour this
    period, the second none, so the second is further below the target and is offered."""
    slot, booked, (first, second), now = full_slot(2)
    supervisor = db.session.get(User, slot.supervisor_id)
    make_period(athens_day(-30), athens_day(30), target=10)
    attended(supervisor, [first], days_ago=3)
    db.session.commit()
    below = services.hours_below_target(db.session, [first.id, second.id], None)
    assert below[first.id] < below[second.id]
    free_a_seat(slot, booked[0], now)
    assert (entry_of(slot, first).status, entry_of(slot, second).status) == (WAITING, OFFERED)


def test_cancelling_the_slot_tells_the_waiting_and_ends_their_places(app_ctx):
    slot, booked, (first, second), now = full_slot(2)
    free_a_seat(slot, booked[0], now)  # first holds an offer, second waits
    supervisor = db.session.get(User, slot.supervisor_id)
    services.cancel(db.session, slot, supervisor=supervisor, reason="Ασθένεια")
    db.session.commit()
    assert entry_of(slot, first).status == entry_of(slot, second).status == EXPIRED
    told = db.session.execute(
        select(Notification.recipient_id, Notification.detail).where(
            Notification.kind == services.CANCELLED_KIND
        )
    ).all()
    assert sorted(told) == sorted(
        [(booked[1].id, "Ασθένεια"), (first.id, "Ασθένεια"), (second.id, "Ασθένεια")]
    )
