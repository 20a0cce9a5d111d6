"""Text encrypted at rest (`crypto.EncryptedText`): the database holds tokens only, Greek
text comes back whole, a wrong key gives a clear error and never the token, and
`flask rotate-notes-key` encrypts every value again with the first key.

A model of the test's own (its own registry and table, created and dropped here) stands for
the supervision notes."""

import pytest
from cryptography.fernet import Fernet
from flask_babel import force_locale
from sqlalchemy import Integer, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mediator_portal import crypto, key_rotation
from mediator_portal.extensions import db

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

KEY_1, KEY_2 = Fernet.generate_key().decode(), Fernet.generate_key().decode()
SECRET = "Σημείωση εποπτείας: ΜΟΝΑΔΙΚΟ-κείμενο-7f3a, ό,τι ειπώθηκε 🙂"


class NotesBase(DeclarativeBase):
    pass


class SecretNote(NotesBase):
    __tablename__ = "crypto_test_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(crypto.EncryptedText())
    extra: Mapped[str | None] = mapped_column(crypto.EncryptedText(), nullable=True)


@pytest.fixture
def keys(app_ctx, monkeypatch):
    """`keys("A,B")` sets NOTES_KEYS for the app; the table exists for the test."""

    def use(value: str) -> None:
        monkeypatch.setitem(app_ctx.config, "NOTES_KEYS", value)
        crypto.reset_cipher()

    use(KEY_1)
    NotesBase.metadata.create_all(db.engine)
    yield use
    db.session.rollback()
    NotesBase.metadata.drop_all(db.engine)
    crypto.reset_cipher()


def raw_bodies() -> list[str]:
    return list(db.session.scalars(text("SELECT body FROM crypto_test_notes ORDER BY id")))


def add_notes(*bodies: str) -> None:
    db.session.add_all([SecretNote(body=body) for body in bodies])
    db.session.commit()


def test_the_database_holds_no_plaintext_and_greek_comes_back_whole(keys):
    add_notes(SECRET)
    [raw] = raw_bodies()
    assert "ΜΟΝΑΔΙΚΟ" not in raw and "7f3a" not in raw
    assert raw.startswith("gAAAAA")  # a Fernet token
    db.session.expunge_all()
    note = db.session.scalar(select(SecretNote))
    assert note.body == SECRET
    assert note.extra is None


def test_the_same_text_is_never_stored_twice_the_same(keys):
    add_notes(SECRET, SECRET)
    first, second = raw_bodies()
    assert first != second


@pytest.mark.logs_errors
def test_a_wrong_key_raises_a_clear_error_never_the_token(keys):
    add_notes(SECRET)
    keys(KEY_2)
    db.session.expunge_all()
    with pytest.raises(crypto.UnreadableText) as raised:
        db.session.scalar(select(SecretNote))
    assert raised.value.status == 503
    with force_locale("en"):
        assert "encryption key was changed or lost" in str(raised.value.message)
    assert "gAAAAA" not in str(raised.value) and "ΜΟΝΑΔΙΚΟ" not in str(raised.value)


@pytest.mark.logs_errors
def test_a_value_that_is_no_token_is_refused_not_shown(keys):
    db.session.execute(text("INSERT INTO crypto_test_notes (id, body) VALUES (1, 'plain')"))
    db.session.commit()
    with pytest.raises(crypto.UnreadableText):
        db.session.scalar(select(SecretNote))


def test_only_text_is_accepted(keys):
    db.session.add(SecretNote(body=b"bytes"))
    with pytest.raises(Exception, match="EncryptedText holds text"):
        db.session.flush()


@pytest.mark.logs_errors
def test_rotation_encrypts_every_value_again_with_the_first_key(keys):
    add_notes(*(f"{SECRET} {n}" for n in range(5)))
    db.session.execute(text("UPDATE crypto_test_notes SET extra = body WHERE id = 1"))
    db.session.commit()
    before = raw_bodies()
    keys(f"{KEY_2},{KEY_1}")  # the new key first, the old one still decrypts
    done = key_rotation.rotate_all(db.session, registries=(NotesBase.registry,), batch=2)
    assert [(item.table, item.rows, item.values) for item in done] == [("crypto_test_notes", 5, 6)]
    after = raw_bodies()
    assert all(old != new for old, new in zip(before, after, strict=True))
    keys(KEY_2)  # the old key removed: everything still reads
    db.session.expunge_all()
    notes = db.session.scalars(select(SecretNote).order_by(SecretNote.id)).all()
    assert [note.body for note in notes] == [f"{SECRET} {n}" for n in range(5)]
    assert notes[0].extra == notes[0].body
    keys(KEY_1)  # and the old key alone opens nothing any more
    db.session.expunge_all()
    with pytest.raises(crypto.UnreadableText):
        db.session.scalars(select(SecretNote)).all()


def test_the_command_rotates_and_reports_the_rows(keys, app, monkeypatch):
    add_notes(SECRET, SECRET, SECRET)
    before = raw_bodies()
    keys(f"{KEY_2},{KEY_1}")
    monkeypatch.setattr(
        key_rotation, "app_registries", lambda: (db.Model.registry, NotesBase.registry)
    )
    result = app.test_cli_runner().invoke(args=["rotate-notes-key", "--batch", "2"])
    assert result.exit_code == 0, result.output
    assert "crypto_test_notes: 3 rows, 3 values encrypted again" in result.output
    db.session.rollback()
    assert all(old != new for old, new in zip(before, raw_bodies(), strict=True))


@pytest.mark.logs_errors
def test_the_command_stops_with_a_clear_message_without_the_old_key(keys, app, monkeypatch):
    add_notes(SECRET)
    keys(KEY_2)  # the old key forgotten too early
    monkeypatch.setattr(key_rotation, "app_registries", lambda: (NotesBase.registry,))
    result = app.test_cli_runner().invoke(args=["rotate-notes-key"])
    assert result.exit_code == 1
    assert "keep the old key" in result.output
    assert "ΜΟΝΑΔΙΚΟ" not in result.output
