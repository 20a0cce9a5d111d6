"""Who supervises whom: assigning and moving keeps the history and is audited; one current
supervisor per mediator (also in the database); groups hold the supervisor's own
supervisees only, and a supervisor sees only their own supervisees and groups."""

import pytest
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Assignment
from mediator_portal.supervision.services import errors
from tests.factories import make_user
from tests.supervision.factories import make_team


def test_moving_a_mediator_keeps_the_history_and_is_audited(app_ctx):
    admin = make_user("admin")
    first, (mediator,) = make_team(1, admin=admin)
    second = make_user("supervisor")
    services.assign(db.session, actor=admin, mediator_id=mediator.id, supervisor_id=second.id)
    rows = services.history(db.session, mediator.id)
    assert [row.supervisor_id for row in rows] == [second.id, first.id]
    assert rows[0].ended_at is None and rows[1].ended_at is not None
    assert services.current_assignment(db.session, mediator.id).supervisor_id == second.id
    assert services.supervisees(db.session, first.id) == []
    assert [p.id for p in services.supervisees(db.session, second.id)] == [mediator.id]
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["supervision.assign", "supervision.move"]


def test_assigning_to_the_same_supervisor_again_is_refused(app_ctx):
    admin = make_user("admin")
    supervisor, (mediator,) = make_team(1, admin=admin)
    with pytest.raises(errors.AlreadyAssigned):
        services.assign(
            db.session, actor=admin, mediator_id=mediator.id, supervisor_id=supervisor.id
        )


@pytest.mark.parametrize(
    ("mediator_role", "supervisor_role", "error"),
    [
        ("trainer", "supervisor", errors.NotAMediator),
        ("mediator", "trainer", errors.NotASupervisor),
        ("mediator", "mediator", errors.NotASupervisor),
    ],
)
def test_only_mediators_go_to_supervisors(app_ctx, mediator_role, supervisor_role, error):
    with pytest.raises(error):
        services.assign(
            db.session,
            actor=make_user("admin"),
            mediator_id=make_user(mediator_role).id,
            supervisor_id=make_user(supervisor_role).id,
        )


def test_an_inactive_supervisor_is_refused(app_ctx):
    with pytest.raises(errors.NotASupervisor):
        services.assign(
            db.session,
            actor=make_user("admin"),
            mediator_id=make_user("mediator").id,
            supervisor_id=make_user("supervisor", active=False).id,
        )


def test_the_database_holds_one_current_supervisor_per_mediator(app_ctx):
    supervisor, (mediator,) = make_team(1)
    db.session.add(Assignment(mediator_id=mediator.id, supervisor_id=make_user("supervisor").id))
    with pytest.raises(Exception, match="(?i)unique"):
        db.session.flush()
    db.session.rollback()


def test_groups_hold_the_supervisor_s_own_supervisees_only(app_ctx):
    supervisor, (one, two) = make_team(2)
    _, (stranger,) = make_team(1)
    with pytest.raises(errors.NotYourSupervisee):
        services.create_group(
            db.session, supervisor=supervisor, name="Ομάδα", member_ids=[one.id, stranger.id]
        )
    with pytest.raises(errors.EmptyGroup):
        services.create_group(db.session, supervisor=supervisor, name="Ομάδα", member_ids=[])
    with pytest.raises(errors.EmptyName):
        services.create_group(db.session, supervisor=supervisor, name="  ", member_ids=[one.id])
    with pytest.raises(errors.NameTooLong):
        services.create_group(db.session, supervisor=supervisor, name="α" * 121, member_ids=[1])
    group = services.create_group(
        db.session, supervisor=supervisor, name="  Ομάδα   Τρίτης ", member_ids=[one.id]
    )
    assert group.name == "Ομάδα Τρίτης"
    services.update_group(
        db.session, group, supervisor=supervisor, name="Ομάδα", member_ids=[one.id, two.id]
    )
    found = services.group_or_404(db.session, supervisor, group.id)
    assert [m.mediator_id for m in found.members] == sorted([one.id, two.id])


def test_a_supervisor_sees_only_their_own_supervisees_and_groups(app_ctx):
    supervisor, (mine,) = make_team(1)
    other, (theirs,) = make_team(1)
    group = services.create_group(db.session, supervisor=other, name="Ξένη", member_ids=[theirs.id])
    assert services.supervisee_or_404(db.session, supervisor, mine.id).id == mine.id
    with pytest.raises(errors.NotFound):
        services.supervisee_or_404(db.session, supervisor, theirs.id)
    with pytest.raises(errors.NotFound):
        services.group_or_404(db.session, supervisor, group.id)
    assert services.groups_of(db.session, supervisor.id) == []
