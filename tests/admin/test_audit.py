"""The audit log page: entries for each admin action, filters, Athens dates, pagination."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from mediator_portal import audit
from mediator_portal.accounts.models import User
from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def add_entry(app, *, actor_email=None, action="user.invite", at=None, label="someone"):
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == actor_email))
        entry = audit.record(
            db.session, actor=actor, action=action, target_label=label, ip="192.0.2.1"
        )
        if at is not None:
            entry.at = at
        db.session.commit()


def test_admin_actions_appear_in_the_log(admin, user_of, places):
    person = user_of("mediator", name="Ζωή Ζαχαρίου", password=None)
    admin.post(f"/admin/users/{person.id}/role", data={"role": "trainer"})
    admin.post(f"/admin/users/{person.id}/resend")
    admin.post(f"/admin/users/{person.id}/deactivate")
    admin.post(f"/admin/users/{person.id}/reactivate")
    admin.post("/admin/regions/new", data={"name": "Θεσσαλία", "name_en": "Thessaly"})
    admin.post(f"/admin/municipalities/{places['athens']}/deactivate")
    page = admin.get("/admin/audit")
    assert page.status_code == 200
    for label in (
        "Changed a role",
        "Re-sent an invitation",
        "Deactivated a user",
        "Reactivated a user",
        "Created a region",
        "Deactivated a municipality",
    ):
        assert label in page.text
    assert "Ζωή Ζαχαρίου" in page.text or person.email in page.text
    assert "Διαχειριστής Πύλης" in page.text  # the actor


def test_filter_by_actor_and_action(admin, app, user_of):
    other = user_of("admin", name="Άλλος Διαχειριστής", email="other@example.org")
    add_entry(app, actor_email="other@example.org", action="region.create", label="Ρ-ΑΛΛΟΥ")
    add_entry(app, actor_email=admin.user.email, action="user.invite", label="Π-ΔΙΚΟ-ΜΟΥ")
    by_other = admin.get("/admin/audit", query_string={"actor_id": other.id})
    assert "Ρ-ΑΛΛΟΥ" in by_other.text
    assert "Π-ΔΙΚΟ-ΜΟΥ" not in by_other.text
    invites = admin.get("/admin/audit", query_string={"action": "user.invite"})
    assert "Π-ΔΙΚΟ-ΜΟΥ" in invites.text
    assert "Ρ-ΑΛΛΟΥ" not in invites.text


def test_dates_are_athens_calendar_days(admin, app):
    # 21:30 UTC on 14 June is 00:30 on 15 June in Athens (summer time, UTC+3).
    add_entry(app, at=datetime(2025, 6, 14, 21, 30, tzinfo=UTC), label="ΜΕΣΑΝΥΧΤΑ")
    add_entry(app, at=datetime(2025, 6, 14, 20, 30, tzinfo=UTC), label="ΒΡΑΔΥ")
    day = admin.get("/admin/audit", query_string={"since": "2025-06-15", "until": "2025-06-15"})
    assert "ΜΕΣΑΝΥΧΤΑ" in day.text
    assert "ΒΡΑΔΥ" not in day.text
    before = admin.get("/admin/audit", query_string={"until": "2025-06-14"})
    assert "ΒΡΑΔΥ" in before.text
    assert "ΜΕΣΑΝΥΧΤΑ" not in before.text
    assert "15 Jun 2025, 00:30" in day.text  # shown in Athens time, 24-hour clock


@pytest.mark.parametrize(
    "query",
    [
        {"since": "not-a-date"},
        {"since": "0001-01-01"},
        {"until": "9999-12-31"},
        {"since": "2025-06-20", "until": "2025-06-01"},
        {"actor_id": "abc"},
        {"actor_id": "999999"},
        {"action": "<script>"},
        {"page": "0"},
        {"page": "100000"},
    ],
)
def test_bad_filters_give_a_message_not_an_error(admin, app, query):
    add_entry(app, label="ΠΑΝΤΑ")
    page = admin.get("/admin/audit", query_string=query)
    assert page.status_code == 200
    if "page" not in query:
        assert 'class="govgr-error-message"' in page.text
        assert "ΠΑΝΤΑ" in page.text  # the invalid filter is not applied


def test_pagination_keeps_the_filters(admin, app):
    for number in range(30):
        add_entry(app, action="region.update", label=f"R{number}")
    first = admin.get("/admin/audit", query_string={"action": "region.update"})
    assert "action=region.update" in first.text
    assert 'rel="next"' in first.text
    second = admin.get("/admin/audit", query_string={"action": "region.update", "page": 2})
    assert second.status_code == 200
    assert 'aria-current="page">2<' in second.text
