"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the notification pages
(the list with unread and grouped notifications, what I watch, the e-mail preferences, the
unsubscribe pages of a valid and a tampered link, a member's page), in Greek and in English;
the unsubscribe and member pages on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from mediator_portal.accounts.models import User
from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.notifications import services
from tests.browser.axe import assert_accessible, preload_axe
from tests.browser.helpers import LOGIN_URL, sign_in
from tests.forums.factories import make_category, make_post, make_topic

pytestmark = pytest.mark.browser


@pytest.fixture
def reader(app, user_of):
    """A mediator with a reply, a mention, grouped reactions, a hidden post and a watch."""
    person = user_of("mediator", name="Ομίντ Ρεζαΐ")
    with app.app_context():
        me = db.session.get(User, person.id)
        others = [db.session.get(User, user_of("mediator").id) for _ in range(3)]
        moderator = db.session.get(User, user_of("trainer").id)
        category = make_category(name_el="Συζητήσεις", name_en="Discussions")
        topic = make_topic(category, author=me, title="Διερμηνεία στο νοσοκομείο")
        db.session.commit()
        make_post(topic, author=others[0], body=f"@{services.handle(me.name)} τι λες;")
        mine = make_post(topic, author=me, body="Απάντηση")
        hidden = make_post(topic, author=me, body="Στοιχεία")
        db.session.commit()
        for other in others:
            forums.toggle_reaction(db.session, mine, user=other, kind="like")
            db.session.commit()
        forums.hide_post(db.session, hidden, actor=moderator, reason="Προσωπικά δεδομένα")
        services.set_watch_level(db.session, me.id, "category", category.id, "watching")
        db.session.commit()
    return person


@pytest.mark.parametrize("locale", ("el", "en"))
def test_notification_pages(new_page, reader, locale):
    page = new_page()
    preload_axe(page)
    sign_in(page, reader.email)
    expect(page).not_to_have_url(LOGIN_URL)
    for path in ("/notifications/", "/notifications/watching", "/notifications/preferences"):
        response = page.goto(f"{path}?lang={locale}")
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", locale)
        assert_accessible(page)
    page.goto(f"/notifications/?lang={locale}")
    expect(page.locator(".notification.is-unread")).to_have_count(3)


VIEWPORTS = pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])


@VIEWPORTS
@pytest.mark.parametrize("locale", ("el", "en"))
def test_unsubscribe_pages(app, new_page, reader, locale, phone):
    """Without signing in: the valid link's page, its done page, and a tampered link's page."""
    with app.app_context():
        token = services.unsubscribe_token(reader.id, "mention")
    page = new_page(phone=phone)
    preload_axe(page)
    response = page.goto(f"/notifications/unsubscribe/{token}?lang={locale}")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", locale)
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    response = page.goto(f"/notifications/unsubscribe/{tampered}?lang={locale}")
    assert 400 <= response.status < 500
    expect(page.locator("html")).to_have_attribute("lang", locale)
    assert_accessible(page)


@VIEWPORTS
@pytest.mark.parametrize("locale", ("el", "en"))
def test_member_page(new_page, reader, user_of, locale, phone):
    other = user_of("supervisor", name="Ελένη Αλεξίου", languages=["el", "ar"])
    page = new_page(phone=phone)
    preload_axe(page)
    sign_in(page, reader.email)
    expect(page).not_to_have_url(LOGIN_URL)
    response = page.goto(f"/members/{services.handle(other.name)}?lang={locale}")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("Ελένη Αλεξίου")
    assert_accessible(page)
