"""The notes' rules in the services: only the slot's supervisor writes, once the session
has started, on a mediator holding a live booking, within the length limit; editing keeps
the last text and sets `edited_at`; the audit entry names no text; the private note is its
author's alone; the database holds tokens, never the text (read with plain SQL); and
`flask rotate-notes-key` encrypts the notes' columns again."""

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from mediator_portal import crypto, key_rotation
from mediator_portal.accounts.services import User
from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import NOTE_MAX, Note
from mediator_portal.supervision.services.notes import NoteTooLong, NotStarted, SlotNotActive
from tests.supervision.notes_world import PRIVATE, SHARED, note_world

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


@pytest.fixture
def notes_world(app):
    return note_world(app)


def user(user_id):
    return db.session.get(User, user_id)


def target(world, mediator_id=None, viewer_id=None, slot_id=None):
    return services.note_target_or_404(
        db.session,
        user(viewer_id or world.supervisor_id),
        slot_id or world.slot,
        mediator_id or world.one_id,
    )


def test_the_database_holds_tokens_never_the_text(app, notes_world):
    with app.app_context():
        row = db.session.execute(
            text("SELECT action_points, private FROM supervision_notes WHERE id = :id"),
            {"id": notes_world.note},
        ).one()
        assert all(value.startswith("gAAAAA") for value in row)
        assert SHARED not in "".join(row) and PRIVATE not in "".join(row)
        note = db.session.scalar(select(Note).where(Note.id == notes_world.note))
        assert SHARED in note.action_points and PRIVATE in note.private


def test_editing_keeps_the_last_text_and_is_audited_without_it(app, notes_world):
    with app.app_context():
        found = target(notes_world)
        assert found.note.edited_at is None
        services.save_note(
            db.session,
            found,
            supervisor=user(notes_world.supervisor_id),
            action_points="νέο κείμενο",
            private="",
        )
        db.session.commit()
        note = target(notes_world).note
        assert note.action_points == "νέο κείμενο" and note.private is None
        assert note.edited_at is not None
        entries = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.like("supervision.notes.%"))
            .order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["supervision.notes.write", "supervision.notes.edit"]
        for entry in entries:
            dumped = f"{entry.details} {entry.target_label}"
            assert SHARED not in dumped and PRIVATE not in dumped and "νέο" not in dumped


def test_another_supervisor_reaches_no_note(app, notes_world):
    with app.app_context():
        other = db.session.scalar(select(User.id).where(User.email == notes_world.stranger))
        with pytest.raises(services.NotFound):
            target(notes_world, viewer_id=other)


def test_only_its_author_reads_a_private_note(app, notes_world):
    with app.app_context():
        db.session.execute(
            text("UPDATE supervision_notes SET author_id = :other WHERE id = :id"),
            {"other": notes_world.admin_id, "id": notes_world.note},
        )
        with pytest.raises(services.NotFound):
            target(notes_world)


def test_a_mediator_not_booked_in_the_session_has_no_notes(app, notes_world):
    with app.app_context(), pytest.raises(services.NotFound):
        target(notes_world, mediator_id=notes_world.theirs_id)


def test_notes_wait_for_the_session_to_start(app, notes_world):
    with app.app_context():
        found = target(notes_world, slot_id=notes_world.future)
        with pytest.raises(NotStarted):
            services.save_note(
                db.session,
                found,
                supervisor=user(notes_world.supervisor_id),
                action_points="x",
                private=None,
            )


def test_a_cancelled_session_takes_no_notes(app, notes_world):
    with app.app_context():
        db.session.execute(
            text("UPDATE supervision_slots SET status = 'cancelled' WHERE id = :id"),
            {"id": notes_world.slot},
        )
        with pytest.raises(SlotNotActive):
            services.save_note(
                db.session,
                target(notes_world, mediator_id=notes_world.two_id),
                supervisor=user(notes_world.supervisor_id),
                action_points="x",
                private=None,
            )


def test_a_text_over_the_limit_is_refused(app, notes_world):
    with app.app_context(), pytest.raises(NoteTooLong):
        services.save_note(
            db.session,
            target(notes_world, mediator_id=notes_world.two_id),
            supervisor=user(notes_world.supervisor_id),
            action_points="α" * (NOTE_MAX + 1),
            private=None,
        )


def test_rotation_encrypts_the_notes_again(app, notes_world, monkeypatch):
    with app.app_context():
        old = app.config.get("NOTES_KEYS") or crypto.configured_keys(app.config)[0].decode()
        raw = "SELECT action_points, private FROM supervision_notes WHERE id = :id"
        before = db.session.execute(text(raw), {"id": notes_world.note}).one()
        new = Fernet.generate_key().decode()
        monkeypatch.setitem(app.config, "NOTES_KEYS", f"{new},{old}")
        crypto.reset_cipher()
        try:
            result = app.test_cli_runner().invoke(args=["rotate-notes-key"])
            assert result.exit_code == 0, result.output
            assert "supervision_notes: 1 rows, 2 values encrypted again" in result.output
            assert SHARED not in result.output
            db.session.rollback()
            after = db.session.execute(text(raw), {"id": notes_world.note}).one()
            assert all(a != b for a, b in zip(before, after, strict=True))
            monkeypatch.setitem(app.config, "NOTES_KEYS", new)  # the old key removed
            crypto.reset_cipher()
            db.session.expunge_all()
            note = db.session.get(Note, notes_world.note)
            assert SHARED in note.action_points
            assert key_rotation.encrypted_columns()  # discovered by the command itself
        finally:
            crypto.reset_cipher()
