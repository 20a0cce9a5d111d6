"""A supervisor's notes on the mediators booked in their session, and who read them.

Only the slot's supervisor writes them, once the session has started: *action points*
(shared with the mediator) and a *private* note (its author's alone). Nobody else (no other
supervisor, no trainer, no administrator) reaches a note: every function here takes the
viewer and answers NotFound for anyone else. Every view that shows a note records a read
(`record_reads`); saving is audited without the text. The texts go nowhere else: no
notification, e-mail, log, audit detail or search document holds them.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, joinedload, undefer

from mediator_portal import audit
from mediator_portal.accounts.services import User
from mediator_portal.database import utcnow
from mediator_portal.supervision.models import (
    ACTIVE,
    BOOKED,
    NOTE_MAX,
    Note,
    NoteRead,
    Slot,
)
from mediator_portal.supervision.services.errors import NotFound, SupervisionError
from mediator_portal.supervision.services.listing import own_slot_or_404

READS_SHOWN = 200  # the access-log page shows the latest reads


class NoteTooLong(SupervisionError):
    status = 422
    message = _l("The text is too long: at most %(limit)s characters.", limit=NOTE_MAX)


class NotStarted(SupervisionError):
    status = 409
    message = _l("You can write notes once the session has started.")


class SlotNotActive(SupervisionError):
    status = 409
    message = _l("This session was cancelled: it takes no notes.")


@dataclass(frozen=True)
class NoteTarget:
    """One of the viewer's sessions and a mediator booked in it, with the note so far."""

    slot: Slot
    mediator: User
    note: Note | None


def note_target_or_404(session: Session, supervisor, slot_id: int, mediator_id: int) -> NoteTarget:
    """`supervisor`'s slot, a mediator who holds (or held) a booking of it, and their note
    (its private text loaded only for its author). Raises NotFound for anyone else."""
    slot = own_slot_or_404(session, supervisor, slot_id)
    booking = next((b for b in slot.bookings if b.mediator_id == mediator_id), None)
    if booking is None:
        raise NotFound()
    note = session.scalar(
        select(Note)
        .options(undefer(Note.private))
        .where(Note.slot_id == slot.id, Note.mediator_id == mediator_id)
    )
    if note is not None and note.author_id != supervisor.id:
        raise NotFound()
    return NoteTarget(slot, booking.mediator, note)


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        raise NoteTooLong()
    return text or None


def save_note(
    session: Session,
    target: NoteTarget,
    *,
    supervisor,
    action_points: str | None,
    private: str | None,
    now: datetime | None = None,
) -> Note:
    """Write (or replace: last text wins) the notes on `target`. The mediator must hold a
    live booking, the slot be active and started. Audited without the text."""
    slot, now = target.slot, now or utcnow()
    shared_text, private_text = _clean(action_points), _clean(private)
    if slot.supervisor_id != supervisor.id:
        raise NotFound()
    if slot.status != ACTIVE:
        raise SlotNotActive()
    if slot.starts_at > now:
        raise NotStarted()
    live = any(b.mediator_id == target.mediator.id and b.status == BOOKED for b in slot.bookings)
    if not live:
        raise NotFound()
    note = target.note
    if note is None:
        note = Note(slot_id=slot.id, mediator_id=target.mediator.id, author_id=supervisor.id)
        note.created_at = now
        session.add(note)
        action = "supervision.notes.write"
    else:
        note.edited_at = now
        action = "supervision.notes.edit"
    note.action_points, note.private = shared_text, private_text
    session.flush()
    audit.record(
        session,
        actor=supervisor,
        action=action,
        target=note,
        target_label=target.mediator.name,
        details={"slot": slot.id, "mediator": target.mediator.id},
    )
    return note


def record_reads(session: Session, reader, notes: list[Note], now: datetime | None = None) -> None:
    """Record that a page showed `notes` to `reader` (one statement)."""
    if not notes:
        return
    at = now or utcnow()
    session.execute(
        insert(NoteRead), [{"note_id": n.id, "reader_id": reader.id, "read_at": at} for n in notes]
    )


def shared_notes(session: Session, mediator) -> list[Note]:
    """The action points written for `mediator` (never the private texts), with their
    slots and authors, newest session first (one query)."""
    return list(
        session.scalars(
            select(Note)
            .join(Note.slot)
            .options(joinedload(Note.slot), joinedload(Note.author))
            .where(Note.mediator_id == mediator.id, Note.action_points.is_not(None))
            .order_by(Slot.starts_at.desc(), Note.id.desc())
        )
    )


def reads_about(session: Session, mediator) -> list[NoteRead]:
    """The latest reads of the notes about `mediator`: who, when, which session (one
    query)."""
    return list(
        session.scalars(
            select(NoteRead)
            .join(NoteRead.note)
            .options(
                joinedload(NoteRead.reader),
                joinedload(NoteRead.note).joinedload(Note.slot),
            )
            .where(Note.mediator_id == mediator.id)
            .order_by(NoteRead.read_at.desc(), NoteRead.id.desc())
            .limit(READS_SHOWN)
        )
    )


def booked_mediator_ids(slot: Slot) -> set[int]:
    return {b.mediator_id for b in slot.bookings if b.status == BOOKED}
