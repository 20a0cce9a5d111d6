"""The secret feed address: made and made again on My calendar (CSRF, audited, the old
address dead at once), kept only hashed and encrypted, the only way in for a visitor (the
page itself is for members), the same 404 for every wrong address, fetches rate-limited."""

import hashlib

import pytest
from sqlalchemy import select, text

from mediator_portal.audit import AuditEntry
from mediator_portal.calendar import services
from mediator_portal.extensions import db
from mediator_portal.key_rotation import encrypted_columns
from tests.calendar.helpers import feed_url
from tests.forums.conftest import account

TOKEN = "A" * 43  # the shape of an address, never made


def _address(browser) -> str:
    page = browser.get("/calendar/").get_data(as_text=True)
    start = page.index("http://localhost/calendar/")
    return page[start : page.index(".ics", start) + 4].removeprefix("http://localhost")


def test_a_member_makes_an_address_and_it_works_without_signing_in(member, client):
    browser = member("mediator")
    page = browser.get("/calendar/")
    assert page.status_code == 200
    assert "Make my calendar address" in page.get_data(as_text=True)
    made = browser.post("/calendar/regenerate")
    assert made.status_code == 302
    shown = browser.get("/calendar/").get_data(as_text=True)
    assert "webcal://localhost/calendar/" in shown
    assert "Google Calendar" in shown and "Outlook" in shown and "iPhone" in shown
    response = client.get(_address(browser))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_a_new_address_kills_the_old_one_at_once_and_is_audited(app, member, client):
    browser = member("mediator")
    browser.post("/calendar/regenerate")
    old = _address(browser)
    browser.post("/calendar/regenerate")
    new = _address(browser)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        actions = [entry.action for entry in entries if entry.action.startswith("calendar.")]
        assert actions == ["calendar.feed.create", "calendar.feed.regenerate"]
        for entry in entries:
            for token in (old, new):
                secret = token.removeprefix("/calendar/").removesuffix(".ics")
                assert secret not in f"{entry.target_label} {entry.details}"


def test_the_database_keeps_the_token_hashed_and_encrypted_only(app, member, seed):
    browser = member("mediator")
    token = feed_url(seed, browser).removeprefix("/calendar/").removesuffix(".ics")
    assert services.TOKEN_SHAPE.fullmatch(token)
    with app.app_context():
        row = db.session.execute(text("SELECT token_hash, token FROM calendar_feeds")).one()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in row.token and row.token.startswith("gAAAAA")
        found = {table.name: names for table, names in encrypted_columns().items()}
        assert found["calendar_feeds"] == ["token"]


def test_regenerating_needs_the_form_token(member):
    browser = member("mediator")
    assert browser.post("/calendar/regenerate", data={"csrf_token": "forged"}).status_code == 400


@pytest.mark.parametrize("role", ["mediator", "supervisor", "trainer", "admin"])
def test_every_member_has_a_calendar_page_and_visitors_are_sent_to_sign_in(member, client, role):
    assert member(role).get("/calendar/").status_code == 200
    response = client.get("/calendar/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.post("/calendar/regenerate").status_code in (302, 400)


@pytest.mark.parametrize(
    "token", [TOKEN, "short", "A" * 44, "A" * 42 + "%", "../" + "A" * 40], ids=str
)
def test_a_wrong_address_gets_the_same_404(client, token):
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 404


def test_a_closed_account_feed_stops(app, member, client, seed):
    browser = member("mediator")
    url = feed_url(seed, browser)
    assert client.get(url).status_code == 200

    def close():
        account(browser).active = False

    seed(close)
    assert client.get(url).status_code == 404


def test_misses_from_one_address_are_limited(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "CALENDAR_FEED_MISS_LIMIT", "3 per minute")
    statuses = [client.get(f"/calendar/{TOKEN}.ics").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_fetches_of_one_feed_are_limited(app, member, seed, new_client, monkeypatch):
    monkeypatch.setitem(app.config, "CALENDAR_FEED_LIMIT", "2 per hour")
    url = feed_url(seed, member("mediator"))
    other = feed_url(seed, member("mediator"))
    # From several addresses (Google fetches from many): the feed's own count.
    first, second, third = (new_client() for _ in range(3))
    assert [c.get(url).status_code for c in (first, second, third)] == [200, 200, 429]
    assert third.get(other).status_code == 200


@pytest.mark.logs_errors
def test_an_address_encrypted_with_a_lost_key_is_not_shown_and_can_be_replaced(
    app, member, seed, monkeypatch
):
    from cryptography.fernet import Fernet

    from mediator_portal import crypto

    browser = member("mediator")
    url = feed_url(seed, browser)
    monkeypatch.setitem(app.config, "NOTES_KEYS", Fernet.generate_key().decode())
    with app.app_context():
        crypto.reset_cipher()
    try:
        page = browser.get("/calendar/")
        assert page.status_code == 200
        assert "encryption key was changed" in page.get_data(as_text=True)
        assert browser.post("/calendar/regenerate").status_code == 302
        assert "/calendar/" in _address(browser) and _address(browser) != url
    finally:
        with app.app_context():
            crypto.reset_cipher()


def test_the_profile_page_links_my_calendar(member):
    assert 'href="/calendar/"' in member("mediator").get("/account/profile").get_data(as_text=True)
