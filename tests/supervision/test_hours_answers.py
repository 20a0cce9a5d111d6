"""The mediator confirms or disputes each attended line: a dispute needs a comment (at most
1000 characters), only their own lines, only lines marked attended; the comment reaches the
supervisor and never the audit trail."""

import pytest
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Mark
from mediator_portal.supervision.services import hours_errors
from tests.supervision.factories import make_team
from tests.supervision.hours_factories import attended

COMMENT = "Η συνεδρία κράτησε μισή ώρα, όχι μία"


def mark_of(slot, mediator) -> Mark:
    return db.session.scalar(
        select(Mark).where(Mark.slot_id == slot.id, Mark.mediator_id == mediator.id)
    )


def test_confirm_and_dispute(app_ctx):
    supervisor, (one,) = make_team(1)
    slot = attended(supervisor, [one])
    mark = mark_of(slot, one)
    assert mark.answer == services.PENDING
    services.confirm(db.session, mark, one)
    assert mark.answer == services.CONFIRMED
    services.dispute(db.session, mark, one, f"  {COMMENT}  ")
    assert (mark.answer, mark.comment) == (services.DISPUTED, COMMENT)
    sheet = services.attendance_sheet(db.session, slot)
    assert sheet[0].comment == COMMENT and sheet[0].answer == services.DISPUTED


def test_a_dispute_needs_a_short_comment(app_ctx):
    supervisor, (one,) = make_team(1)
    mark = mark_of(attended(supervisor, [one]), one)
    with pytest.raises(hours_errors.CommentRequired):
        services.dispute(db.session, mark, one, " \n ")
    with pytest.raises(hours_errors.CommentTooLong):
        services.dispute(db.session, mark, one, "α" * 1001)
    assert mark.answer == services.PENDING


def test_only_attended_lines_are_answered(app_ctx):
    supervisor, (one,) = make_team(1)
    mark = mark_of(attended(supervisor, [one], status="no_show"), one)
    with pytest.raises(hours_errors.NotAttended):
        services.confirm(db.session, mark, one)
    with pytest.raises(hours_errors.NotAttended):
        services.dispute(db.session, mark, one, COMMENT)


def test_only_ones_own_lines(app_ctx):
    supervisor, (one, two) = make_team(2)
    mark = mark_of(attended(supervisor, [one]), one)
    with pytest.raises(services.NotFound):
        services.own_mark_or_404(db.session, two, mark.id)
    with pytest.raises(services.NotFound):
        services.confirm(db.session, mark, two)
    with pytest.raises(services.NotFound):
        services.dispute(db.session, mark, two, COMMENT)


def test_the_comment_never_reaches_the_audit_trail(app_ctx):
    supervisor, (one,) = make_team(1)
    mark = mark_of(attended(supervisor, [one]), one)
    services.dispute(db.session, mark, one, COMMENT)
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("supervision.%"))
    ).all()
    assert "supervision.hours.dispute" in {entry.action for entry in entries}
    assert all(COMMENT not in repr(vars(entry)) for entry in entries)


def test_a_dispute_tells_the_supervisor_without_the_comment(app_ctx):
    supervisor, (one,) = make_team(1)
    mark = mark_of(attended(supervisor, [one]), one)
    services.dispute(db.session, mark, one, COMMENT)
    rows = db.session.scalars(
        select(Notification).where(Notification.kind == services.DISPUTED_KIND)
    ).all()
    assert [row.recipient_id for row in rows] == [supervisor.id]
    assert rows[0].detail == "" and COMMENT not in repr(vars(rows[0]))
    services.confirm(db.session, mark, one)  # a confirmation tells nobody
    assert (
        len(
            db.session.scalars(
                select(Notification).where(Notification.kind == services.DISPUTED_KIND)
            ).all()
        )
        == 1
    )
