"""Admin services: the rules, called directly (they flush, audit, and never commit)."""

import pytest
from sqlalchemy import func, select

from mediator_portal.accounts.services import EmailTaken
from mediator_portal.admin import services
from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from tests.factories import make_municipality, make_region, make_user

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


@pytest.fixture
def by(app_ctx):
    return services.Actor(make_user("admin"), "203.0.113.7")


def entries() -> list[tuple[str, dict, str | None]]:
    rows = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return [(row.action, row.details, row.ip) for row in rows]


def test_services_never_commit(by):
    services.save_region(db.session, by, None, name="Ήπειρος", name_en="Epirus")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_invite_audits_with_the_address(by):
    user = services.invite(
        db.session,
        by,
        name="  Αμίνα   Χασάν ",
        email="Amina@Example.org",
        role="supervisor",
        municipality=None,
        languages=["ar", "zz"],
        locale="en",
    )
    assert (user.name, user.email, user.role, user.language_codes) == (
        "Αμίνα Χασάν",
        "amina@example.org",
        "supervisor",
        ["ar"],
    )
    assert entries() == [("user.invite", {"role": "supervisor"}, "203.0.113.7")]
    with pytest.raises(EmailTaken):
        services.invite(
            db.session,
            by,
            name="X Y",
            email="AMINA@example.org",
            role="mediator",
            municipality=None,
            languages=[],
            locale="el",
        )


def test_update_user_reports_the_changed_fields(by):
    user = make_user("mediator", name="Πρώτο")
    place = make_municipality()
    changed = services.update_user(
        db.session,
        by,
        user,
        name="Δεύτερο",
        email=user.email,
        municipality=place,
        languages=["el"],
        locale=user.locale,
    )
    assert changed == ["name", "municipality"]
    assert entries() == [("user.update", {"changed": ["name", "municipality"]}, "203.0.113.7")]


def test_self_protection(by):
    with pytest.raises(services.CannotDeactivateSelf):
        services.deactivate_user(db.session, by, by.user)
    with pytest.raises(services.CannotDemoteSelf):
        services.change_role(db.session, by, by.user, "trainer")
    assert services.change_role(db.session, by, by.user, "admin") is False
    with pytest.raises(ValueError):
        services.change_role(db.session, by, make_user("mediator"), "emperor")
    assert entries() == []


def test_resend_needs_a_pending_invitation(by):
    with pytest.raises(services.InvitationNotPending):
        services.resend_invitation(db.session, by, make_user("mediator"))
    with pytest.raises(services.InvitationNotPending):
        services.resend_invitation(
            db.session, by, make_user("mediator", password=None, active=False)
        )
    pending = make_user("mediator", password=None)
    before = pending.invited_at
    services.resend_invitation(db.session, by, pending)
    assert pending.invited_at > before


def test_deactivate_is_idempotent(by):
    user = make_user("mediator")
    assert services.deactivate_user(db.session, by, user) == 0
    services.deactivate_user(db.session, by, user)
    assert [action for action, *_ in entries()] == ["user.deactivate"]


def test_municipality_names_are_unique_within_their_region(by):
    attica, crete = make_region("Αττική"), make_region("Κρήτη")
    services.save_municipality(db.session, by, None, region=attica, name="Αθηναίων", name_en="")
    services.save_municipality(db.session, by, None, region=crete, name="Αθηναίων", name_en="")
    with pytest.raises(services.NameTaken) as error:
        services.save_municipality(db.session, by, None, region=attica, name="ΑΘΗΝΑΙΩΝ", name_en="")
    assert error.value.field == "name"
