"""An answer to a proposal reaches its followers by e-mail through the notifications' queue
(immediately by default), with the proposal's title, the start of its text and a link; a
follower who chose "never" for this kind gets nothing; the demo data loads (idempotent)."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.notifications import services as notifications
from mediator_portal.training import services
from mediator_portal.training.models import Answer, Proposal, TrainingTheme
from tests.jobs_support import InProcessWorker
from tests.notifications.helpers import parts_of
from tests.training.conftest import account
from tests.training.factories import make_proposal, make_trainer_answer

pytestmark = pytest.mark.database

PUBLIC_URL = "https://portal.example.org"


def drained() -> None:
    running = InProcessWorker(2).start()
    try:
        running.drain()
    finally:
        running.stop()


def test_an_answer_is_emailed_to_followers_as_they_chose(app, user_of, seed, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    proposer = user_of("mediator", locale="en", email="proposer@example.org")
    quiet = user_of("mediator", email="quiet@example.org")

    def answer():
        proposal = make_proposal(
            account(proposer), title="Interpreting in clinics", body="Why **this** matters"
        )
        services.support(db.session, proposal, account(quiet))
        notifications.save_preferences(
            db.session, quiet.id, {services.ANSWER_KIND: "never"}, digest_hour=7, pause_days=0
        )
        make_trainer_answer(proposal, "accepted")
        return proposal.id

    proposal_id = seed(answer)
    drained()
    [message] = mailbox
    assert message["To"] == "proposer@example.org"
    assert message["Subject"] == "Answers to training proposals I follow: Interpreting in clinics"
    for body in parts_of(message).values():
        assert f"{PUBLIC_URL}/training/p/{proposal_id}" in body
        assert "Why this matters" in body


def test_the_demo_data_has_themes_proposals_supports_and_an_answer(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["demo-data"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        count = db.session.scalar
        assert count(select(func.count()).select_from(TrainingTheme)) == 5
        assert count(select(func.count()).select_from(Proposal)) == 4
        assert count(select(func.max(Proposal.support_count))) == 6
        assert count(select(func.count()).select_from(Answer)) == 1
