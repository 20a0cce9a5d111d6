"""The home panel "My next session": the soonest session not over that one is going to or
waitlisted for, with its time in Athens, its place or "Online" and a link; an empty state
otherwise (sessions one answered "maybe" or "not going", and ended ones, are not shown)."""

from datetime import timedelta

import pytest

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.training import services
from mediator_portal.training.models import GOING, Rsvp
from tests.factories import make_municipality, make_user
from tests.training.conftest import account
from tests.training.factories import make_session

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

EMPTY = "You are not going to any session yet."


def panel_of(browser) -> str:
    page = browser.get("/").text
    start = page.index('id="panel-training-next-session"')
    return page[start : page.index("</section>", start)]


def test_the_next_session_one_goes_to_with_its_athens_time_and_place(member, seed):
    browser = member("mediator")

    def build():
        me = account(browser)
        later = make_session(title="Αργότερα", days_ahead=9)
        town = make_municipality()
        sooner = make_session(
            title="Σύντομα", days_ahead=3, online=False, place="Αίθουσα Α", municipality_id=town.id
        )
        maybe = make_session(title="Ίσως", days_ahead=1)
        ended = make_session(title="Τελείωσε", days_ahead=1)
        ended.starts_at, ended.ends_at = (
            utcnow() - timedelta(hours=3),
            utcnow() - timedelta(hours=1),
        )
        for row in (later, sooner):
            services.answer_session(db.session, row, me, "going")
        services.answer_session(db.session, maybe, me, "maybe")
        db.session.add(Rsvp(session_id=ended.id, user_id=me.id, answer=GOING))
        return sooner.id, town.label("en")

    sooner, town = seed(build)
    panel = panel_of(browser)
    assert "My next session" in panel
    assert f'href="/training/sessions/{sooner}"' in panel and "Σύντομα" in panel
    assert "10:00" in panel and "Athens time" in panel  # 10:00 Athens, whatever UTC says
    assert f"Αίθουσα Α</span>, {town}" in panel
    assert "Αργότερα" not in panel and "Ίσως" not in panel and "Τελείωσε" not in panel


def test_a_waitlisted_session_is_shown_as_such_and_online_says_so(member, seed):
    browser = member("mediator")

    def build():
        row = make_session(title="Γεμάτη", capacity=1, days_ahead=2)
        services.answer_session(db.session, row, make_user(), "going")
        services.answer_session(db.session, row, account(browser), "going")

    seed(build)
    panel = panel_of(browser)
    assert "Γεμάτη" in panel and "Online" in panel and "on the waitlist" in panel


def test_the_empty_state(member):
    assert EMPTY in panel_of(member("mediator"))
