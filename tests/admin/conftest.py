"""Fixtures of the admin tests: places to put people in, a way to read the database."""

import re
from urllib.parse import urlsplit

import pytest

from mediator_portal.extensions import db
from tests.factories import make_municipality, make_region
from tests.smtp import body_of

LINK = re.compile(r"https?://\S+/auth/invitation/\S+")


def in_english(browser):
    """Switch `browser` to the English interface (messages are asserted in English)."""
    browser.get("/?lang=en")
    return browser


@pytest.fixture
def admin(logged_in):
    """A client signed in as a new administrator, interface in English."""
    return in_english(logged_in("admin", name="Διαχειριστής Πύλης"))


@pytest.fixture
def read_db(app):
    """`read_db(fn)`: run `fn(session)` in a fresh app context and return what it returns.

    Return plain values (ids, strings), not model objects: the session closes afterwards.
    """

    def run(fn):
        with app.app_context():
            return fn(db.session)

    return run


@pytest.fixture
def places(app):
    """Two regions with municipalities: {"attica": id, "athens": id, "piraeus": id, ...}."""
    with app.app_context():
        attica = make_region("Αττική", "Attica")
        crete = make_region("Κρήτη", "Crete")
        athens = make_municipality(attica, "Αθηναίων", name_en="Athens")
        piraeus = make_municipality(attica, "Πειραιά", name_en="Piraeus")
        heraklion = make_municipality(crete, "Ηρακλείου", name_en="Heraklion")
        db.session.commit()
        return {
            "attica": attica.id,
            "crete": crete.id,
            "athens": athens.id,
            "piraeus": piraeus.id,
            "heraklion": heraklion.id,
        }


def invitation_path(message) -> str:
    """The path of the invitation link in an e-mail."""
    match = LINK.search(body_of(message))
    assert match, body_of(message)
    return urlsplit(match.group(0)).path
