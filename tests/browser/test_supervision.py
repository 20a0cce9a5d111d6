"""Clinical supervision in a real browser: a supervisor publishes a weekly group slot through
the form; two mediators book it on phones (big enough buttons, "N of 6 seats free" going
down); one cancels from "My bookings" and the seat frees for the other's view."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.supervision.factories import athens_day, make_team

pytestmark = pytest.mark.browser


def test_publish_a_weekly_group_slot_two_book_on_phones_one_cancels(app, new_page):
    with app.app_context():
        supervisor, (anna, nikos) = make_team(2)
        group = services.create_group(
            db.session,
            supervisor=supervisor,
            name="Ομάδα Πέμπτης",
            member_ids=[anna.id, nikos.id],
        )
        db.session.commit()
        emails = supervisor.email, anna.email, nikos.email
        group_id = group.id
    first = athens_day(7)
    monday = services.monday_of(first).isoformat()

    desk = new_page()
    sign_in(desk, emails[0])
    expect(desk).not_to_have_url(LOGIN_URL)
    desk.goto("/supervision/slots/new?lang=en")
    desk.locator('input[name="kind"][value="group"]').check()
    desk.locator("#capacity").fill("6")
    desk.locator("#group").select_option(str(group_id))
    desk.locator("#day").fill(first.isoformat())
    desk.locator("#start").fill("17:00")
    desk.locator("#minutes").fill("90")
    desk.locator("#meeting_url").fill("https://meet.example.org/pempti")
    desk.locator("#repeat_until").fill((first + timedelta(weeks=3)).isoformat())
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator("main")).to_contain_text("4 slots are published.")
    expect(desk.locator(".slot-row").first).to_contain_text("6 of 6 seats free")

    phones = []
    for email in emails[1:]:
        phone = new_page(phone=True)
        sign_in(phone, email)
        expect(phone).not_to_have_url(LOGIN_URL)
        phone.goto(f"/supervision/book?week={monday}&lang=en")
        book = phone.locator(".slot-row").first.get_by_role("button", name=re.compile("^Book"))
        expect(book).to_be_visible()
        assert book.bounding_box()["height"] >= 44  # a finger's target
        book.click()
        expect(phone.locator("main")).to_contain_text("Your seat is booked.")
        phones.append(phone)
    expect(phones[1].locator("#my-bookings")).to_contain_text("4 of 6 seats free")

    anna_phone = phones[0]
    anna_phone.locator("#my-bookings").get_by_role("button", name=re.compile("^Cancel")).click()
    expect(anna_phone.locator("main")).to_contain_text("Your booking is cancelled.")
    expect(anna_phone.locator("#my-bookings")).to_contain_text("Cancelled")

    phones[1].goto(f"/supervision/book?week={monday}&lang=en")
    expect(phones[1].locator(".slot-row").first).to_contain_text("5 of 6 seats free")
    expect(phones[1].locator(".slot-row").first).to_contain_text("You have booked a seat.")
    desk.goto(f"/supervision/?week={monday}&lang=en")
    expect(desk.locator(".slot-row").first).to_contain_text("5 of 6 seats free")
