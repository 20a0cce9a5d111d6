"""The one-click unsubscribe link (RFC 8058): it works without signing in, for its own person
and kind only; opening it changes nothing until the button (or the mail client's one-click
POST, without a CSRF token); a tampered or expired link gets a clear 4xx page."""

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from mediator_portal.notifications.services import unsubscribing
from tests.forums.conftest import account
from tests.forums.factories import make_post, make_topic
from tests.jobs_support import InProcessWorker

pytestmark = pytest.mark.database


@pytest.fixture
def one_click(app):
    """A mail client: no cookies, no CSRF token."""
    return FlaskClient(app, use_cookies=False)


def deliveries(app, user) -> dict[str, str]:
    with app.app_context():
        return services.preferences(db.session, user.id).deliveries


def token_for(app, user, kind: str) -> str:
    with app.app_context():
        return services.unsubscribe_token(user.id, kind)


def test_the_link_of_an_email_unsubscribes_its_person_from_its_kind_in_one_click(
    app, user_of, seed, mailbox, one_click, public_url
):
    author, other = user_of("mediator", locale="en"), user_of("mediator")
    before, others_before = deliveries(app, author), deliveries(app, other)
    seed(lambda: make_post(make_topic(author=account(author))))
    running = InProcessWorker().start()
    running.drain()
    running.stop()
    [message] = mailbox
    path = message["List-Unsubscribe"].strip("<>").removeprefix(public_url)
    assert path.endswith("?lang=en")  # the page in the person's language

    page = one_click.get(path)  # opening the link (or a mail scanner) changes nothing
    assert page.status_code == 200
    assert "Unsubscribe" in page.text and 'method="post"' in page.text
    assert deliveries(app, author) == before

    done = one_click.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert deliveries(app, author) == {**before, "reply": "never"}  # that kind only
    assert deliveries(app, other) == others_before  # nobody else


def test_the_digests_link_stops_every_kind_it_carries(app, user_of, one_click):
    person = user_of("mediator")
    before = deliveries(app, person)
    token = token_for(app, person, services.DIGEST_KIND)
    assert one_click.post(f"/notifications/unsubscribe/{token}").status_code == 200
    after = deliveries(app, person)
    assert after == {k: ("never" if v == "digest" else v) for k, v in before.items()}
    assert "immediately" in after.values()


def test_a_signed_in_person_uses_the_button_of_the_page(app, member):
    browser = member("mediator")
    token = token_for(app, browser.user, "mention")
    response = browser.post(f"/notifications/unsubscribe/{token}", follow_redirects=True)
    assert response.status_code == 200
    assert "mentions of me" in response.text.lower()
    assert deliveries(app, browser.user)["mention"] == "never"


def _tampered(token: str) -> str:
    payload, rest = token.split(".", 1)
    flipped = "A" if payload[-1] != "A" else "B"
    return f"{payload[:-1]}{flipped}.{rest}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_gets_a_clear_4xx_page(app, user_of, one_click, method):
    person = user_of("mediator")
    before = deliveries(app, person)
    token = token_for(app, person, "reply")
    for bad in (_tampered(token), token[:-3], "not-a-token", token + "x"):
        response = getattr(one_click, method)(f"/notifications/unsubscribe/{bad}?lang=en")
        assert response.status_code == 400
        assert "unsubscribe link is not valid" in response.text
    assert deliveries(app, person) == before


def test_a_link_for_another_purpose_or_an_unknown_kind_is_refused(app, user_of, one_click):
    person = user_of("mediator")
    with app.app_context():
        from itsdangerous import URLSafeTimedSerializer

        other_salt = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="accounts.invite")
        foreign = other_salt.dumps({"u": person.id, "k": "reply"})
        unknown = services.unsubscribe_token(person.id, "no_such_kind")
        nobody = services.unsubscribe_token(10**6, "reply")
    for bad in (foreign, unknown, nobody):
        assert one_click.post(f"/notifications/unsubscribe/{bad}").status_code == 400


def test_an_expired_link_gets_a_clear_410_page(app, user_of, one_click, monkeypatch):
    person = user_of("mediator")
    token = token_for(app, person, "reply")
    monkeypatch.setattr(unsubscribing, "UNSUBSCRIBE_MAX_AGE", timedelta(seconds=-1))
    response = one_click.post(f"/notifications/unsubscribe/{token}?lang=en")
    assert response.status_code == 410
    assert "unsubscribe link has expired" in response.text
    assert deliveries(app, person)["reply"] == "immediately"
