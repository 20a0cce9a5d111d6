"""The waitlist's pages and buttons: the rule in plain words, join, the seat offered after a
cancellation (in-app and by e-mail, urgent, with the link and no other person's name),
one-click accept on the slot page and in "My bookings", leave; CSRF, permissions."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.notifications import services as notifications
from mediator_portal.supervision import services
from mediator_portal.supervision.models import BOOKED, Booking, WaitlistEntry
from tests.notifications.helpers import parts_of
from tests.supervision.factories import make_slot, make_team
from tests.supervision.test_email_and_demo import PUBLIC_URL, drained

pytestmark = pytest.mark.database

RULE = "furthest below their supervision-hours target"


@pytest.fixture
def full(app):
    """A full two-seat group slot and a third mediator who may book it (e-mails, ids)."""
    with app.app_context():
        supervisor, (one, two, three) = make_team(3)
        for person, name in ((one, "Ζωή Μοναδική"), (two, "Άρης Ξεχωριστός"), (three, "Νίκη")):
            person.name, person.locale = name, "en"
        slot = make_slot(supervisor, kind="group", capacity=2, days_ahead=5)
        booking = services.book(db.session, slot, one)
        services.book(db.session, slot, two)
        db.session.commit()
        return {
            "slot": slot.id,
            "supervisor": supervisor.email,
            "one": one.email,
            "one_booking": booking.id,
            "three": three.email,
            "three_id": three.id,
        }


def entry_id(app, mediator_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(WaitlistEntry.id).where(WaitlistEntry.mediator_id == mediator_id)
        )


def test_join_then_offered_after_a_cancellation_then_accept_once(app, full, sign_in):
    waiter = sign_in(full["three"])
    page = waiter.get(f"/supervision/slots/{full['slot']}").text
    assert "This slot is full" in page and RULE in page and "Join the waitlist" in page
    joined = waiter.post(f"/supervision/slots/{full['slot']}/waitlist")
    assert joined.status_code == 302
    assert "You are on the waitlist" in waiter.get(f"/supervision/slots/{full['slot']}").text
    assert "You are on the waitlist" in waiter.get("/supervision/book?week=" + week(app, full)).text
    supervisor_page = sign_in(full["supervisor"]).get(f"/supervision/slots/{full['slot']}").text
    assert "1 person is on the waitlist." in supervisor_page
    cancelled = sign_in(full["one"]).post(f"/supervision/bookings/{full['one_booking']}/cancel")
    assert cancelled.status_code == 302
    page = waiter.get(f"/supervision/slots/{full['slot']}").text
    assert "A seat is offered to you" in page and "Accept the seat" in page
    assert "Accept the seat" in waiter.get("/supervision/bookings").text
    entry = entry_id(app, full["three_id"])
    assert waiter.post(f"/supervision/waitlist/{entry}/accept").status_code == 302
    again = waiter.post(
        f"/supervision/waitlist/{entry}/accept", headers={"Accept": "application/json"}
    )
    assert again.status_code == 409 and again.json["code"] == "no_offer"
    with app.app_context():
        live = db.session.scalars(
            select(Booking.mediator_id).where(
                Booking.slot_id == full["slot"], Booking.status == BOOKED
            )
        ).all()
        assert full["three_id"] in live and len(live) == 2


def week(app, full) -> str:
    with app.app_context():
        slot = services.get_slot(db.session, full["slot"])
        return services.monday_of((slot.starts_at + timedelta(hours=3)).date()).isoformat()


def test_the_offer_is_emailed_at_once_with_the_link_and_no_names(
    app, full, sign_in, mailbox, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    waiter = sign_in(full["three"])
    waiter.post(f"/supervision/slots/{full['slot']}/waitlist")
    sign_in(full["one"]).post(f"/supervision/bookings/{full['one_booking']}/cancel")
    drained()
    [message] = [m for m in mailbox if m["To"] == full["three"]]
    assert message["Subject"].startswith("A seat is offered to me from a supervision waitlist")
    for body in parts_of(message).values():
        assert f"{PUBLIC_URL}/supervision/slots/{full['slot']}" in body
        assert "Μοναδική" not in body and "Ξεχωριστός" not in body
    assert notifications.KINDS[services.OFFER_KIND].urgent


def test_leaving_the_waitlist(app, full, sign_in):
    waiter = sign_in(full["three"])
    waiter.post(f"/supervision/slots/{full['slot']}/waitlist")
    entry = entry_id(app, full["three_id"])
    assert waiter.post(f"/supervision/waitlist/{entry}/leave").status_code == 302
    assert "Join the waitlist" in waiter.get(f"/supervision/slots/{full['slot']}").text
    again = waiter.post(
        f"/supervision/waitlist/{entry}/leave", headers={"Accept": "application/json"}
    )
    assert again.status_code == 409


def test_joining_twice_is_refused(app, full, sign_in):
    waiter = sign_in(full["three"])
    json = {"Accept": "application/json"}
    assert (
        waiter.post(f"/supervision/slots/{full['slot']}/waitlist", headers=json).status_code == 200
    )
    twice = waiter.post(f"/supervision/slots/{full['slot']}/waitlist", headers=json)
    assert twice.status_code == 409 and twice.json["code"] == "already_waiting"


@pytest.mark.parametrize(
    "path",
    [
        "/supervision/slots/{slot}/waitlist",
        "/supervision/waitlist/1/accept",
        "/supervision/waitlist/1/leave",
    ],
)
def test_waitlist_buttons_need_their_csrf_token(full, sign_in, path):
    response = sign_in(full["three"]).post(path.format(**full), data={}, csrf=False)
    assert response.status_code == 400


def test_only_the_entry_owner_accepts_or_leaves_and_supervisors_cannot_join(app, full, sign_in):
    sign_in(full["three"]).post(f"/supervision/slots/{full['slot']}/waitlist")
    entry = entry_id(app, full["three_id"])
    other = sign_in(full["one"])
    assert other.post(f"/supervision/waitlist/{entry}/accept").status_code == 404
    assert other.post(f"/supervision/waitlist/{entry}/leave").status_code == 404
    supervisor = sign_in(full["supervisor"])
    assert supervisor.post(f"/supervision/slots/{full['slot']}/waitlist").status_code == 403


def test_a_stranger_cannot_join_another_supervisors_slot(app, full, sign_in):
    with app.app_context():
        _, (stranger,) = make_team(1)
        db.session.commit()
        email = stranger.email
    assert sign_in(email).post(f"/supervision/slots/{full['slot']}/waitlist").status_code == 404


def test_a_seat_held_for_the_waitlist_is_not_offered_to_book_past_those_waiting(app, full, sign_in):
    sign_in(full["three"]).post(f"/supervision/slots/{full['slot']}/waitlist")
    sign_in(full["one"]).post(f"/supervision/bookings/{full['one_booking']}/cancel")
    with app.app_context():  # a fourth colleague of the same supervisor opens the week
        slot = services.get_slot(db.session, full["slot"])
        supervisor = db.session.get(User, slot.supervisor_id)
        _, (fourth,) = make_team(1, supervisor=supervisor)
        db.session.commit()
        email = fourth.email
    row = sign_in(email).get(f"/supervision/book?week={week(app, full)}&lang=en").text
    mine = row[row.index(f'id="slot-{full["slot"]}"') :]
    mine = mine[: mine.index("</li>")]
    assert "Free seats are offered to the waitlist first." in mine
    assert "Join the waitlist" in mine
    assert f'/supervision/slots/{full["slot"]}/book"' not in mine  # no Book button
