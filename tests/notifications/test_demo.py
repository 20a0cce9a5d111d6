"""`flask demo-data` fills the badge and the list of the accounts a person tries first: a
mention, a watched post and a new topic in a watched category each; idempotent."""

import re

import pytest
from sqlalchemy import func, select

from mediator_portal.accounts.services import find_by_email
from mediator_portal.extensions import db
from mediator_portal.notifications import demo, services
from mediator_portal.notifications.models import Notification
from tests.clients import PortalClient

pytestmark = pytest.mark.database

DEMO_PASSWORD = "mediator-demo"  # noqa: S105 - the README's demo password


def _kinds(app) -> dict[str, set[str]]:
    with app.app_context():
        found: dict[str, set[str]] = {}
        for email in demo.SHOWCASE:
            person = find_by_email(db.session, email)
            kinds = db.session.scalars(
                select(Notification.kind).where(Notification.recipient_id == person.id)
            )
            found[email] = set(kinds)
        return found


def test_the_demo_accounts_have_notifications_to_see(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\b12 notifications\b", result.output)
    for email, kinds in _kinds(app).items():
        assert {"mention", "watched_post", "new_topic"} <= kinds, email
    with app.app_context():
        person = find_by_email(db.session, "mediator01@example.org")
        assert services.unread_count(db.session, person) >= 3
        total = db.session.scalar(select(func.count(Notification.id)))

    app.test_client_class = PortalClient
    browser = app.test_client()
    assert browser.login("mediator01@example.org", DEMO_PASSWORD).status_code == 302
    page = browser.get("/notifications/?lang=en").get_data(as_text=True)
    assert page.count('class="notification is-unread"') >= 3
    assert "Mentions of me" in page
    badge = re.search(r"data-notification-count>(\d+)<", page)
    assert int(badge.group(1)) >= 3
    watching = browser.get("/notifications/watching?lang=en").get_data(as_text=True)
    assert "Watching first post" in watching

    again = runner.invoke(args=["demo-data"])
    assert again.exit_code == 0, again.output
    assert "0 notifications" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Notification.id))) == total
