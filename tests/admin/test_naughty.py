"""Naughty strings (tests/data/blns.json) in names and searches never give a 5xx: each is
stored as typed (white space tidied) or refused with a message."""

import pytest
from sqlalchemy import func, select

from mediator_portal.accounts.models import Region, User
from tests.support import naughty_sample

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


NAUGHTY = naughty_sample()


def tidy(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def naughty():
    return NAUGHTY


def test_naughty_names_in_invitations(admin, read_db, naughty, mailbox, worker):
    problems = []
    for number, text in enumerate(naughty):
        email = f"naughty{number}@example.org"
        response = admin.post(
            "/admin/users/new",
            data={"name": text, "email": email, "role": "mediator", "locale": "el"},
        )
        if response.status_code >= 500:
            problems.append((text, response.status_code))
        elif response.status_code == 302:
            stored = read_db(lambda s, e=email: s.scalar(select(User.name).where(User.email == e)))
            if stored != tidy(text):
                problems.append((text, "stored as", stored))
        elif 'class="govgr-error-message"' not in response.text:
            problems.append((text, response.status_code, "no message"))
    assert problems == []
    assert admin.get("/admin/users").status_code == 200
    assert admin.get("/admin/audit").status_code == 200
    # Every invitation e-mail went out through the worker; none of the jobs failed.
    worker.drain(timeout=60)
    invited = read_db(
        lambda s: s.scalar(select(func.count(User.id)).where(User.password_hash.is_(None)))
    )
    assert len(mailbox) == invited
    assert admin.get("/admin/jobs").text.count("No job has failed.") == 1


def test_naughty_searches(admin, user_of, naughty):
    user_of("mediator", name="Αθηνά Παππά")
    problems = []
    for text in naughty:
        response = admin.get("/admin/users", query_string={"q": text})
        if response.status_code != 200:
            problems.append((text, response.status_code))
    assert problems == []


def test_naughty_region_names(admin, read_db, naughty):
    problems = []
    for text in naughty:
        response = admin.post("/admin/regions/new", data={"name": text, "name_en": text})
        if response.status_code >= 500:
            problems.append((text, response.status_code))
        elif response.status_code == 302:
            names = read_db(lambda s: set(s.scalars(select(Region.name))))
            if tidy(text) not in names:
                problems.append((text, "not stored"))
        elif 'class="govgr-error-message"' not in response.text:
            problems.append((text, response.status_code, "no message"))
    assert problems == []
    assert admin.get("/admin/regions").status_code == 200
