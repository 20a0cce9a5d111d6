"""Training material in Chromium: a trainer marks attendance of a session that has started
and uploads its material from the session's page; a supporter of the proposal it covers
sees the notification arrive, opens it and lands on the item in the library, which links
back to the session, and finds it in the section "Training meetings". axe-core finds no
serious violation on the new pages (the session with its material and its refused form,
the item with its backlink, editing a proposal and its history, the home panel), in Greek
and in English."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in, wait_for_socket
from tests.factories import make_user
from tests.training.factories import make_proposal, make_session, make_trainer_answer

pytestmark = pytest.mark.browser


def started_session(app, trainer_id: int, supporter_id: int, going_id: int) -> dict:
    """A session that started an hour ago, covering a proposal `supporter` supports, with
    `going` going; ids."""
    with app.app_context():
        trainer = db.session.get(User, trainer_id)
        proposal = make_proposal(make_user(), title="Διερμηνεία σε δομές υγείας")
        services.support(db.session, proposal, db.session.get(User, supporter_id))
        make_trainer_answer(proposal, "accepted", trainer=trainer)
        row = make_session(trainer, title="Συνάντηση υγείας")
        services.schedule(db.session, [proposal], row=row, actor=trainer, body="Ορίστηκε")
        services.answer_session(db.session, row, db.session.get(User, going_id), "going")
        row.starts_at, row.ends_at = utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=1)
        db.session.commit()
        return {"session": row.id, "proposal": proposal.id}


def test_trainer_marks_attendance_uploads_material_and_the_supporter_finds_it(
    app, user_of, new_page, tmp_path
):
    trainer = user_of("trainer", name="Ελένη Εκπαιδεύει")
    supporter = user_of("mediator", name="Σοφία Υποστηρίζει")
    going = user_of("mediator", name="Γιώργος Έρχεται")
    ids = started_session(app, trainer.id, supporter.id, going.id)
    slides = tmp_path / "Διαφάνειες υγείας.txt"
    slides.write_text("Διαφάνειες της συνάντησης\n", encoding="utf-8")

    reader = new_page()
    sign_in(reader, supporter.email)
    expect(reader).not_to_have_url(LOGIN_URL)
    reader.goto("/?lang=en")
    wait_for_socket(reader)
    count = reader.locator("[data-notification-count]").first
    expect(count).to_have_text("2")  # accepted, then scheduled

    desk = new_page()
    sign_in(desk, trainer.email)
    expect(desk).not_to_have_url(LOGIN_URL)
    desk.goto(f"/training/sessions/{ids['session']}/attendance?lang=en")
    desk.locator(f'input[name="status-{going.id}"][value="present"]').check()
    desk.locator("main form button[type=submit]").first.click()
    expect(desk).to_have_url(re.compile(rf"/training/sessions/{ids['session']}/attendance$"))
    expect(desk.locator(f'input[name="status-{going.id}"][value="present"]')).to_be_checked()

    desk.goto(f"/training/sessions/{ids['session']}?lang=en")
    form = desk.locator("#material form")
    form.locator('input[name="kind"][value="file"]').check()
    form.locator('input[name="files"]').set_input_files(str(slides))
    form.locator("button[type=submit]").click()
    expect(desk).to_have_url(re.compile(rf"/training/sessions/{ids['session']}#material$"))
    expect(desk.locator("#material")).to_contain_text("Διαφάνειες υγείας")

    expect(count).to_have_text("3")  # no reload
    reader.goto("/notifications/?lang=en")
    reader.locator(".notification.is-unread button.notification-open").first.click()
    expect(reader).to_have_url(re.compile(r"/library/items/\d+$"))
    expect(reader.locator("h1")).to_have_text("Διαφάνειες υγείας")
    back = reader.locator(".library-backlink a")
    expect(back).to_have_text("Συνάντηση υγείας")
    expect(back).to_have_attribute("href", f"/training/sessions/{ids['session']}")
    item_url = reader.url

    reader.goto("/library/?lang=en")
    reader.get_by_role("link", name=re.compile("Training meetings")).first.click()
    link = reader.get_by_role("link", name="Διαφάνειες υγείας")
    expect(link).to_be_visible()
    link.click()
    expect(reader).to_have_url(item_url)


@pytest.mark.parametrize("locale", ("el", "en"))
def test_the_new_pages_are_accessible(app, user_of, new_page, locale):
    trainer = user_of("trainer")
    mediator = user_of("mediator")
    ids = started_session(app, trainer.id, mediator.id, mediator.id)
    with app.app_context():
        proposal = services.get_proposal(db.session, ids["proposal"])
        services.edit_proposal(
            db.session,
            proposal,
            editor=db.session.get(User, trainer.id),
            title="Διερμηνεία σε νοσοκομεία",
            body="Νέο κείμενο",
            theme_id=proposal.theme_id,
            languages=("ar",),
        )
        row = services.get_session(db.session, ids["session"])
        [item] = services.add_material(
            db.session,
            row,
            actor=db.session.get(User, trainer.id),
            url="https://example.org/recording",
            title="Καταγραφή",
        )
        own = make_proposal(db.session.get(User, mediator.id), title="Δική μου πρόταση")
        db.session.commit()
        item_id, own_id = item.id, own.id
    for person, paths in (
        (trainer, [f"/training/sessions/{ids['session']}", f"/training/p/{ids['proposal']}/edit"]),
        (
            mediator,
            [
                "/",
                f"/training/sessions/{ids['session']}",
                f"/library/items/{item_id}",
                f"/training/p/{ids['proposal']}/history",
                f"/training/p/{own_id}/edit",
            ],
        ),
    ):
        page = new_page()
        preload_axe(page)
        sign_in(page, person.email)
        expect(page).not_to_have_url(LOGIN_URL)
        for path in paths:
            response = page.goto(f"{path}?lang={locale}")
            assert response.status == 200, path
            expect(page.locator("html")).to_have_attribute("lang", locale)
            assert_accessible(page)
        if person is trainer:  # the material form refused: its errors shown
            page.goto(f"/training/sessions/{ids['session']}?lang={locale}")
            page.locator('#material input[name="kind"][value="link"]').check()
            page.locator("#material form button[type=submit]").click()
            expect(page.locator("#material .govgr-error-message").first).to_be_visible()
            assert_accessible(page)
