"""Training in a real browser: a mediator proposes a topic and, while typing its title, sees a
similar proposal suggested; a trainer accepts the new proposal with an answer in another
browser; the proposer's notification badge rises without a reload and leads to the answer."""

import re

import pytest
from playwright.sync_api import expect

from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.browser.helpers import LOGIN_URL, sign_in, wait_for_socket
from tests.factories import make_user
from tests.training.factories import make_proposal, make_session, make_theme

pytestmark = pytest.mark.browser


def test_propose_see_similar_and_get_the_answer_live(app, user_of, new_page):
    proposer = user_of("mediator", name="Ζωή Προτείνει")
    trainer = user_of("trainer", name="Ελένη Εκπαιδεύει")
    with app.app_context():
        theme = make_theme(name_el="Υγεία", name_en="Health")
        existing = make_proposal(title="Διερμηνεία σε δομές ψυχικής υγείας", theme=theme)
        db.session.commit()
        theme_id, existing_id = theme.id, existing.id

    page = new_page()
    sign_in(page, proposer.email)
    expect(page).not_to_have_url(LOGIN_URL)
    page.goto("/training/new?lang=en")
    page.locator("#title").press_sequentially("ψυχικη υγεια", delay=20)  # no accents typed
    suggestion = page.locator("#similar-proposals a")
    expect(suggestion).to_have_text("Διερμηνεία σε δομές ψυχικής υγείας")
    expect(suggestion).to_have_attribute("href", f"/training/p/{existing_id}")

    page.locator("#title").fill("Ψυχική υγεία παιδιών προσφύγων")
    page.locator("#body").fill("Πώς μιλάμε με **παιδιά** για το τραύμα.")
    page.locator("#theme").select_option(str(theme_id))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/training/p/\d+$"))
    proposal_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("h1")).to_have_text("Ψυχική υγεία παιδιών προσφύγων")
    wait_for_socket(page)
    count = page.locator("[data-notification-count]").first
    expect(count).to_have_text("0")

    desk = new_page()
    sign_in(desk, trainer.email)
    expect(desk).not_to_have_url(LOGIN_URL)
    desk.goto(f"/training/p/{proposal_id}/answer?lang=en")
    desk.locator('input[name="status"][value="accepted"]').check()
    desk.locator("#body").fill("Εγκρίνεται· θα γίνει τον επόμενο μήνα.")
    desk.locator("main form button[type=submit]").click()
    expect(desk).to_have_url(re.compile(rf"/training/p/{proposal_id}#timeline$"))

    expect(count).to_have_text("1")  # no reload
    page.locator("[data-notification-badge]").first.click()
    page.locator(".notification.is-unread button.notification-open").first.click()  # a POST
    expect(page).to_have_url(re.compile(rf"/training/p/{proposal_id}$"))
    expect(page.locator("#timeline")).to_contain_text("θα γίνει τον επόμενο μήνα")


def test_a_mediator_answers_a_full_session_on_a_phone_and_joins_the_waitlist(
    app, user_of, new_page
):
    mediator = user_of("mediator")
    with app.app_context():
        row = make_session(capacity=1, title="Επιμόρφωση για τη διερμηνεία")
        services.answer_session(db.session, row, make_user(), "going")
        db.session.commit()
        session_id = row.id
    page = new_page(phone=True)
    sign_in(page, mediator.email)
    expect(page).not_to_have_url(LOGIN_URL)
    page.goto(f"/training/sessions/{session_id}?lang=en")
    going = page.get_by_role("button", name="Going", exact=True)
    expect(going).to_be_visible()
    box = going.bounding_box()
    assert box["height"] >= 44  # a finger's target
    going.click()
    expect(page.locator("#rsvp")).to_contain_text("You are number 1 on the waitlist")
    expect(page.get_by_role("button", name="Going", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
