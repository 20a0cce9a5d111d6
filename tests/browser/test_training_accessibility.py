"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the training pages (the
list, proposing with a similar title suggested, a proposal with its timeline, comments and
private notes, answering, the review queue, the themes, a session's attendance sheet, its
edit page and cancelling it; the
training records: my record, the overview, a member's record, with and without filter
errors), in Greek and in English."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.factories import make_municipality
from tests.training.factories import (
    make_proposal,
    make_session,
    make_theme,
    make_trainer_answer,
)
from tests.training.record_factories import marked_session


@pytest.fixture
def ids(app, user_of):
    """A proposal with supports, a comment, an answer and a private note; a full session."""
    trainer_id = user_of("trainer").id
    with app.app_context():
        trainer = db.session.get(User, trainer_id)
        theme = make_theme(name_el="Υγεία", name_en="Health")
        proposal = make_proposal(title="Διερμηνεία σε δομές υγείας", theme=theme, languages=("ar",))
        make_proposal(title="Άδειες διαμονής", theme=theme)
        services.support(db.session, proposal, trainer)
        services.add_comment(db.session, proposal, author=trainer, body="Καλή ιδέα")
        services.add_note(db.session, proposal, author=trainer, body="Σημείωση")
        make_trainer_answer(proposal, "under_review", trainer=trainer, body="Το εξετάζουμε")
        row = make_session(trainer, capacity=1, days_ahead=1)
        services.answer_session(db.session, row, trainer, "going")
        started = make_session(trainer, title="Σε εξέλιξη")  # its attendance sheet
        services.answer_session(db.session, started, trainer, "going")
        started.starts_at, started.ends_at = utcnow() - timedelta(hours=1), utcnow()
        db.session.commit()
        return proposal.id, row.id, started.id


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ("el", "en"))
@pytest.mark.parametrize("role", ("mediator", "trainer"))
def test_training_pages(new_page, user_of, ids, locale, role):
    proposal_id, session_id, started_id = ids
    person = user_of(role)
    page = new_page()
    preload_axe(page)
    sign_in(page, person.email)
    expect(page).not_to_have_url(LOGIN_URL)
    paths = ["/training/", "/training/new", f"/training/p/{proposal_id}"]
    paths += [
        "/training/sessions",
        "/training/sessions/calendar",
        f"/training/sessions/{session_id}",
    ]
    if role == "trainer":
        paths += [f"/training/p/{proposal_id}/answer", "/training/review", "/training/themes"]
        paths += ["/training/sessions/new", f"/training/sessions/{started_id}/attendance"]
        paths += [f"/training/sessions/{session_id}/edit"]
    for path in paths:
        response = page.goto(f"{path}?lang={locale}")
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", locale)
        assert_accessible(page)
    page.goto(f"/training/new?lang={locale}")
    page.locator("#title").press_sequentially("διερμηνεια", delay=10)
    expect(page.locator("#similar-proposals a")).to_have_count(1)
    assert_accessible(page)
    page.goto(f"/training/sessions/{session_id}?lang={locale}")
    page.locator("#rsvp button").first.click()  # the session is full: on the waitlist
    expect(page.locator("#rsvp strong")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/training/new?lang={locale}")
    page.locator("main form button[type=submit]").click()  # empty: errors shown
    expect(page.locator(".govgr-error-summary")).to_be_visible()
    assert_accessible(page)
    if role == "trainer":  # cancelling: first without a reason, then with one
        page.goto(f"/training/sessions/{session_id}/edit?lang={locale}")
        cancel = page.locator("#cancel-heading ~ form button[type=submit]")
        cancel.click()
        expect(page.locator("#reason-error, .govgr-error-summary").first).to_be_visible()
        assert_accessible(page)
        page.locator("#reason").fill("Απεργία")
        cancel.click()
        expect(page.locator("#cancelled")).to_be_visible()
        assert_accessible(page)


@pytest.fixture
def record_ids(app, user_of):
    """Two mediators with places, marked at two past sessions; their ids."""
    first, second = user_of("mediator"), user_of("mediator", name="Ελένη Οικονόμου")
    with app.app_context():
        people = [db.session.get(User, first.id), db.session.get(User, second.id)]
        people[1].municipality = make_municipality(name="Δήμος Ιωαννιτών")
        marked_session({people[0]: "present", people[1]: "excused"}, day=date(2026, 3, 10))
        marked_session({people[0]: "absent", people[1]: "present"}, day=date(2026, 4, 10))
        db.session.commit()
    return first, second


@pytest.mark.parametrize("locale", ("el", "en"))
@pytest.mark.parametrize("role", ("mediator", "trainer"))
def test_training_record_pages(new_page, user_of, record_ids, locale, role):
    mediator, other = record_ids
    person = mediator if role == "mediator" else user_of("trainer")
    page = new_page()
    preload_axe(page)
    sign_in(page, person.email)
    expect(page).not_to_have_url(LOGIN_URL)
    paths = {"/training/record": 200, "/training/record?since=2026-05-01&until=2026-04-01": 422}
    if role == "trainer":
        paths |= {
            "/training/records": 200,
            "/training/records?since=2026-04-01": 200,
            "/training/records?since=not-a-date": 422,
            f"/training/records/{other.id}": 200,
        }
    for path, status in paths.items():
        joiner = "&" if "?" in path else "?"
        response = page.goto(f"{path}{joiner}lang={locale}")
        assert response.status == status, path
        expect(page.locator("html")).to_have_attribute("lang", locale)
        assert_accessible(page)
