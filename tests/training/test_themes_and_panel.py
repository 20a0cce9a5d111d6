"""Themes kept by trainers (audited), and the home panel's proposals: followed, answered
since one last opened them (on SQLite and on PostgreSQL)."""

import pytest
from sqlalchemy import func, select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.training import services
from mediator_portal.training.models import Follow
from tests.factories import make_user
from tests.training.factories import make_proposal, make_trainer_answer

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def test_themes_are_kept_by_trainers(app_ctx):
    trainer = make_user("trainer")
    theme = services.create_theme(db.session, actor=trainer, name_el=" Υγεία ", name_en="Health")
    services.update_theme(
        db.session, theme, actor=trainer, name_el="Υγεία", name_en="Health", archived=True
    )
    db.session.commit()
    assert theme.name_el == "Υγεία" and theme.archived
    with pytest.raises(services.EmptyThemeName):
        services.create_theme(db.session, actor=trainer, name_el="  ")
    with pytest.raises(services.NotAllowed):
        services.create_theme(db.session, actor=make_user("mediator"), name_el="Θέμα")
    count = db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action.like("training.%"))
    )
    assert count == 2


def test_the_home_panel_shows_followed_proposals_answered_since_last_seen(app_ctx):
    member = make_user()
    seen, unseen, unfollowed = make_proposal(), make_proposal(), make_proposal()
    for proposal in (seen, unseen, unfollowed):
        services.support(db.session, proposal, member)
    services.follow(db.session, unfollowed, member, following=False)
    db.session.commit()
    for proposal in (seen, unseen, unfollowed):
        make_trainer_answer(proposal, "accepted")
    db.session.commit()
    services.mark_seen(db.session, seen, member)
    db.session.commit()
    assert [p.id for p in services.followed_with_new_answer(db.session, member)] == [unseen.id]
    assert db.session.scalar(select(func.count()).select_from(Follow)) >= 6
