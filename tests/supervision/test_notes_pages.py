"""The notes pages through HTTP: the supervisor writes and edits the notes of a booked
mediator once the session has started; the mediator reads the action points, never the
private note; another supervisor gets 404 and a mediator 403 on the supervisor's page;
every page showing a note records the read, and the mediator's access log lists them; a
wrong key gives a clear error page, never the text."""

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select, text

from mediator_portal import crypto
from mediator_portal.extensions import db
from mediator_portal.supervision.models import NOTE_MAX, Note, NoteRead
from tests.supervision.notes_world import PRIVATE, SHARED, note_world


@pytest.fixture
def notes_world(app):
    return note_world(app)


def reads(app) -> list[tuple[int, int]]:
    with app.app_context():
        rows = db.session.execute(
            select(NoteRead.note_id, NoteRead.reader_id).order_by(NoteRead.id)
        )
        return [tuple(row) for row in rows]


def test_the_supervisor_reads_both_texts_and_the_read_is_recorded(app, notes_world, sign_in):
    page = sign_in(notes_world.supervisor).get(notes_world.notes_url)
    assert page.status_code == 200
    assert SHARED in page.text and PRIVATE in page.text
    assert reads(app) == [(notes_world.note, notes_world.supervisor_id)]


def test_the_slot_page_links_to_each_booked_mediators_notes(notes_world, sign_in):
    page = sign_in(notes_world.supervisor).get(f"/supervision/slots/{notes_world.slot}")
    assert notes_world.notes_url in page.text
    assert SHARED not in page.text and PRIVATE not in page.text


def test_the_supervisor_writes_and_edits_the_notes(app, notes_world, sign_in):
    browser = sign_in(notes_world.supervisor)
    url = f"/supervision/slots/{notes_world.slot}/notes/{notes_world.two_id}"
    assert browser.get(url).status_code == 200
    response = browser.post(url, data={"action_points": "Πρώτο\r\nκείμενο", "private": "ιδιωτικό"})
    assert response.status_code == 302
    response = browser.post(url, data={"action_points": "Τελευταίο", "private": ""})
    assert response.status_code == 302
    page = browser.get(url)
    assert "The notes are saved." in page.text and "Τελευταίο" in page.text
    with app.app_context():
        note = db.session.scalar(select(Note).where(Note.mediator_id == notes_world.two_id))
        assert (note.action_points, note.private) == ("Τελευταίο", None)
        assert note.edited_at is not None


def test_a_text_too_long_is_shown_beside_its_field(notes_world, sign_in):
    response = sign_in(notes_world.supervisor).post(
        notes_world.notes_url, data={"action_points": "α" * (NOTE_MAX + 1), "private": ""}
    )
    assert response.status_code == 422
    assert f"at most {NOTE_MAX} characters" in response.text
    assert "α" * (NOTE_MAX + 1) in response.text  # what was typed is kept


def test_notes_wait_for_the_session(notes_world, sign_in):
    url = f"/supervision/slots/{notes_world.future}/notes/{notes_world.one_id}"
    browser = sign_in(notes_world.supervisor)
    page = browser.get(url)
    assert page.status_code == 200
    assert "once the session has started" in page.text and "<textarea" not in page.text
    assert browser.post(url, data={"action_points": "x", "private": ""}).status_code == 409


def test_the_mediator_sees_the_action_points_never_the_private_note(app, notes_world, sign_in):
    page = sign_in(notes_world.one).get("/supervision/notes")
    assert page.status_code == 200
    assert SHARED in page.text and PRIVATE not in page.text
    assert reads(app) == [(notes_world.note, notes_world.one_id)]
    other = sign_in(notes_world.two).get("/supervision/notes")
    assert SHARED not in other.text and "No action points yet." in other.text


def test_a_mediator_cannot_open_the_supervisors_page(notes_world, sign_in):
    assert sign_in(notes_world.one).get(notes_world.notes_url).status_code == 403


def test_another_supervisor_gets_404(app, notes_world, sign_in):
    browser = sign_in(notes_world.stranger)
    assert browser.get(notes_world.notes_url).status_code == 404
    response = browser.post(notes_world.notes_url, data={"action_points": "x", "private": "y"})
    assert response.status_code == 404
    assert reads(app) == []


def test_the_access_log_lists_who_read_the_notes_and_when(app, notes_world, sign_in):
    sign_in(notes_world.supervisor).get(notes_world.notes_url)
    mediator = sign_in(notes_world.one)
    mediator.get("/supervision/notes")
    log = mediator.get("/supervision/notes/reads")
    assert log.status_code == 200
    with app.app_context():
        from mediator_portal.accounts.services import User

        names = dict(db.session.execute(select(User.id, User.name)).all())
    rows = log.text.split('id="note-reads"')[1]
    assert rows.count("<tr") == 3  # the head and two reads
    assert names[notes_world.supervisor_id] in rows and names[notes_world.one_id] in rows
    assert SHARED not in log.text and PRIVATE not in log.text
    empty = sign_in(notes_world.two).get("/supervision/notes/reads")
    assert "Nobody has read notes about you yet." in empty.text


@pytest.mark.logs_errors
def test_a_wrong_key_gives_a_clear_page_never_the_text(app, notes_world, sign_in, monkeypatch):
    browser = sign_in(notes_world.supervisor)
    monkeypatch.setitem(app.config, "NOTES_KEYS", Fernet.generate_key().decode())
    with app.app_context():
        crypto.reset_cipher()
    try:
        for url, client in ((notes_world.notes_url, browser), ("/supervision/notes", None)):
            response = (client or sign_in(notes_world.one)).get(url)
            assert response.status_code == 503, url
            assert "encryption key was changed or lost" in response.text
            assert SHARED not in response.text and PRIVATE not in response.text
            assert "gAAAAA" not in response.text
    finally:
        monkeypatch.undo()
        with app.app_context():
            crypto.reset_cipher()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NoteRead)) == 0


def test_a_cancelled_booking_leaves_the_notes_readable_not_writable(app, notes_world, sign_in):
    with app.app_context():
        db.session.execute(
            text("UPDATE supervision_bookings SET status = 'cancelled' WHERE mediator_id = :id"),
            {"id": notes_world.one_id},
        )
        db.session.commit()
    browser = sign_in(notes_world.supervisor)
    page = browser.get(notes_world.notes_url)
    assert page.status_code == 200
    assert "no longer holds a booking" in page.text and "<textarea" not in page.text
    assert SHARED in page.text and PRIVATE in page.text
    response = browser.post(notes_world.notes_url, data={"action_points": "x", "private": ""})
    assert response.status_code == 404
