"""Inventory: no note reaches a trainer or an administrator, on any route.

As a trainer and as an administrator, every GET route of the app is requested (the route
walker of tests/core/test_routes.py, with the ids filled from a world holding notes: the
session, the mediator they are about, their supervisor; both spellings of every export),
each also with words of the notes as a search query (`q`); exports in XLSX are opened (a zip) and
read whole. No page, JSON or export holds either marker. The notes were written (and
edited) through the supervisor's page first, so whatever that sends (audit log,
notifications, e-mails, logs, the search index) is in place: no table of the database holds
a marker in the clear, no e-mail and no log line either."""

import io
import logging
import zipfile
from urllib.parse import quote

import pytest
from sqlalchemy import select, text

from mediator_portal.accounts.services import User, handle
from mediator_portal.extensions import db
from tests.supervision.notes_world import PRIVATE, SHARED, note_world

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

MARKERS = (SHARED, PRIVATE)
EDITED_SHARED = f"Ανασκόπηση περιστατικού {SHARED} σχέδιο"
EDITED_PRIVATE = f"Προσωπική εκτίμηση {PRIVATE} ανησυχία"
# Searched for: the notes' other words (a query holding the marker would be echoed back).
QUERIES = ("Ανασκόπηση", "εκτίμηση", "Ιδιωτική")


@pytest.fixture
def world(app, sign_in):
    found = note_world(app)
    # Written again through the page: the route's own side effects take place too.
    response = sign_in(found.supervisor).post(
        found.notes_url,
        data={"action_points": EDITED_SHARED, "private": EDITED_PRIVATE},
    )
    assert response.status_code == 302
    assert sign_in(found.one).get("/supervision/notes").status_code == 200
    with app.app_context():
        names = dict(db.session.execute(select(User.id, User.name)).all())
    found.handles = [handle(names[found.one_id]), handle(names[found.supervisor_id])]
    return found


def _values(rule, world) -> list[dict]:
    """The ways to fill the rule's arguments from the world: every choice of an `any`
    converter, the world's session, and each person the notes concern."""
    people = [world.one_id, world.supervisor_id]
    fillings = [{}]
    for name, converter in rule._converters.items():  # noqa: SLF001 - werkzeug exposes no API
        kind = type(converter).__name__
        if kind == "AnyConverter":
            choices = sorted(converter.items)
        elif name == "slot_id":
            choices = [world.slot]
        elif name in ("user_id", "mediator_id"):
            choices = people
        elif name == "handle":
            choices = world.handles
        elif kind in ("IntegerConverter", "IdConverter", "NumberConverter"):
            choices = [1]
        else:
            choices = ["none"]
        fillings = [{**f, name: choice} for f in fillings for choice in choices]
    return fillings


def _urls(app, world) -> list[str]:
    urls = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if rule.endpoint == "static" or "GET" not in rule.methods:
                continue
            for values in _values(rule, world):
                url = rule.build(values, append_unknown=False)[1]
                urls.append(url)
                if not rule.arguments:  # lists and searches: with a query too
                    urls += [f"{url}?q={quote(word)}" for word in QUERIES]
    return urls


def _body(response) -> str:
    data = response.get_data()
    if data[:2] == b"PK":  # an XLSX (a zip): its parts, unpacked
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return data.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ["trainer", "admin"])
def test_no_route_shows_a_note_to_trainers_or_administrators(app, world, sign_in, role):
    browser = sign_in(getattr(world, role))
    urls = _urls(app, world)
    assert any(url.endswith(".xlsx") for url in urls) and any(url.endswith(".csv") for url in urls)
    assert f"/supervision/slots/{world.slot}/notes/{world.one_id}" in urls
    leaks, served = [], 0
    for url in urls:
        if url.endswith("/auth/logout"):
            continue
        response = browser.get(url)
        assert response.status_code < 500, url
        served += response.status_code == 200
        body = _body(response).lower()
        leaks += [f"{url}: {marker}" for marker in MARKERS if marker in body]
    assert leaks == []
    assert served > 20  # the walk reached real pages, not only refusals
    assert browser.get(world.notes_url).status_code == 403  # their pages stay shut


def test_nothing_holds_a_note_in_the_clear(app, world, mailbox, caplog):
    caplog.set_level(logging.DEBUG)
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(text(f"SELECT * FROM {table.name}")):  # noqa: S608
                raw = " ".join(str(value) for value in row).lower()
                found += [f"{table.name}: {m}" for m in MARKERS if m in raw]
    assert found == []
    assert all(m not in str(message).lower() for message in mailbox for m in MARKERS)
    assert all(m not in caplog.text.lower() for m in MARKERS)
