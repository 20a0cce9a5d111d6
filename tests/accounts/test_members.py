"""The member page (`/members/<handle>`): signed-in members only; unknown, shared and
deactivated handles answer 404; no contact details."""

import pytest
from flask import url_for

from mediator_portal.accounts.models import User
from mediator_portal.accounts.services import handle
from mediator_portal.extensions import db
from mediator_portal.text import MEMBER_PATH, member_path

pytestmark = pytest.mark.database

NAME = "Μαρία Παπαδοπούλου"


@pytest.fixture
def maria(user_of):
    return user_of("mediator", name=NAME, email="maria.p@example.org", languages=["ar", "fa"])


def test_the_page_shows_name_role_languages_and_picture(logged_in, maria):
    browser = logged_in("trainer")
    page = browser.get(f"/members/{handle(NAME)}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'<h1 dir="auto">{NAME}</h1>' in html
    assert "@μαρια_παπαδοπουλου" in html
    assert "Intercultural mediator" in html or "Mediator" in html
    assert "Arabic" in html and "Farsi" in html
    assert f"/avatars/{maria.id}.svg" in html
    assert "maria.p@example.org" not in html  # no contact details: nobody opted in


@pytest.mark.parametrize(
    "written", ["ΜΑΡΙΑ_Παπαδοπούλου", "μαρια_παπαδοπουλου", "Μαρία_Παπαδοπούλου"]
)
def test_any_case_or_accents_find_the_member(logged_in, maria, written):
    assert logged_in("mediator").get(f"/members/{written}").status_code == 200


@pytest.mark.parametrize(
    "written",
    ["nobody", "x" * 500, "%00", "μαρια", "..", "%2e%2e%2fadmin", "' OR 1=1 --", "<script>"],
)
def test_unknown_handles_answer_404(logged_in, maria, written):
    assert logged_in("mediator").get(f"/members/{written}").status_code == 404


def test_a_deactivated_member_answers_404(app, logged_in, maria):
    with app.app_context():
        db.session.get(User, maria.id).active = False
        db.session.commit()
    assert logged_in("mediator").get(f"/members/{handle(NAME)}").status_code == 404


def test_a_handle_two_members_share_finds_nobody(logged_in, user_of, maria):
    user_of("mediator", name=NAME.upper())
    assert logged_in("mediator").get(f"/members/{handle(NAME)}").status_code == 404


def test_visitors_are_sent_to_sign_in(client, maria):
    answer = client.get(f"/members/{handle(NAME)}")
    assert answer.status_code == 302
    assert "/auth/login" in answer.headers["Location"]


def test_the_text_gate_links_to_this_page(app):
    with app.test_request_context():
        assert url_for("accounts.member", handle="μαρια_π") == member_path("μαρια_π")
        assert url_for("accounts.member", handle="x").startswith(MEMBER_PATH)
