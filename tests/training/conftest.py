"""Training test helpers: the board's (`seed`, `member`, `account`), and `world`, a small
set of training data the page tests share."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.factories import make_user
from tests.forums.conftest import account, member, seed
from tests.library.conftest import uploads
from tests.training.factories import make_proposal, make_theme, make_trainer_answer

__all__ = ["NOTE", "account", "member", "seed", "uploads", "world"]

NOTE = "Σημείωση-μόνο-για-εκπαιδευτές"


@pytest.fixture
def world(seed):
    """A theme, a proposal with a private note and an answer, another open proposal."""

    def build():
        theme = make_theme(name_el="Υγεία", name_en="Health")
        proposal = make_proposal(title="Διερμηνεία σε δομές υγείας", theme=theme)
        other = make_proposal(title="Άδειες διαμονής", theme=theme)
        trainer = make_user("trainer")
        services.add_note(db.session, proposal, author=trainer, body=NOTE)
        make_trainer_answer(proposal, "under_review", trainer=trainer, body="Το εξετάζουμε")
        return {"theme": theme.id, "proposal": proposal.id, "other": other.id}

    return seed(build)
