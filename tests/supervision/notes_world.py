"""A small world with supervision notes, for the notes tests: a supervisor's session that
took place yesterday, with two booked mediators and notes on the first (unique markers in
the action points and the private note), a future session booked by the first, another
supervisor with their own supervisee and session, a trainer and an administrator.

`note_world(app)` builds it (committed) and returns ids and e-mails."""

from datetime import time, timedelta
from types import SimpleNamespace

from mediator_portal.database import utcnow
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from tests.factories import make_user
from tests.supervision.factories import athens_day, make_slot, make_team

# Unique strings that must never appear where the note may not be seen (ASCII: found in any
# page, JSON or export whatever its escaping).
SHARED = "shrdmarker7c1eq"
PRIVATE = "prvtmarker9b2dz"
SHARED_TEXT = f"Σημεία δράσης: {SHARED}\nΔεύτερη γραμμή."
PRIVATE_TEXT = f"Ιδιωτική σημείωση: {PRIVATE}"


def past_slot(supervisor, *mediators, kind=services.INDIVIDUAL):
    """A session of `supervisor` that took place yesterday, booked by `mediators` (published
    and booked as if three days ago)."""
    before = utcnow() - timedelta(days=3)
    slot = make_slot(
        supervisor,
        kind=kind,
        capacity=4 if kind == services.GROUP else None,
        day=athens_day(-1),
        start=time(11, 0),
        now=before,
    )
    for mediator in mediators:
        services.book(db.session, slot, mediator, now=before)
    return slot


def write(slot, supervisor, mediator, shared=SHARED_TEXT, private=PRIVATE_TEXT):
    target = services.note_target_or_404(db.session, supervisor, slot.id, mediator.id)
    return services.save_note(
        db.session, target, supervisor=supervisor, action_points=shared, private=private
    )


def note_world(app) -> SimpleNamespace:
    with app.app_context():
        admin, trainer = make_user("admin"), make_user("trainer")
        supervisor, (one, two) = make_team(2, admin=admin)
        stranger, (theirs,) = make_team(1, admin=admin)
        slot = past_slot(supervisor, one, two, kind=services.GROUP)
        note = write(slot, supervisor, one)
        future = make_slot(supervisor, days_ahead=5)
        services.book(db.session, future, one)
        foreign = past_slot(stranger, theirs)
        db.session.commit()
        return SimpleNamespace(
            admin=admin.email,
            admin_id=admin.id,
            trainer=trainer.email,
            supervisor=supervisor.email,
            supervisor_id=supervisor.id,
            one=one.email,
            one_id=one.id,
            two=two.email,
            two_id=two.id,
            stranger=stranger.email,
            theirs=theirs.email,
            theirs_id=theirs.id,
            slot=slot.id,
            note=note.id,
            future=future.id,
            foreign=foreign.id,
            notes_url=f"/supervision/slots/{slot.id}/notes/{one.id}",
        )
