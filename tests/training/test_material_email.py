"""The notification of new session material is e-mailed at once by default (a person may
choose the digest or never), with the item's title, the session's title and a link to the
item in the library; someone who chose "never" gets nothing."""

import pytest

from mediator_portal.extensions import db
from mediator_portal.notifications import services as notifications
from mediator_portal.training import services
from tests.notifications.helpers import parts_of
from tests.training.conftest import account
from tests.training.factories import make_session
from tests.training.test_email import PUBLIC_URL, drained

pytestmark = pytest.mark.database


def test_new_material_is_emailed_to_those_going_as_they_chose(
    app, user_of, seed, mailbox, monkeypatch, uploads
):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    going = user_of("mediator", locale="en", email="going@example.org")
    quiet = user_of("mediator", email="quiet@example.org")
    trainer = user_of("trainer")

    def add():
        row = make_session(title="Συνάντηση υγείας")
        for person in (going, quiet):
            services.answer_session(db.session, row, account(person), "going")
        notifications.save_preferences(
            db.session, quiet.id, {services.MATERIAL_KIND: "never"}, digest_hour=7, pause_days=0
        )
        [item] = services.add_material(
            db.session,
            row,
            actor=account(trainer),
            url="https://video.example.org/rec",
            title="Καταγραφή της συνάντησης",
        )
        return item.id

    item_id = seed(add)
    drained()
    [message] = mailbox
    assert message["To"] == "going@example.org"
    assert message["Subject"] == (
        "New material of training sessions I proposed, supported or attended: "
        "Καταγραφή της συνάντησης"
    )
    for body in parts_of(message).values():
        assert f"{PUBLIC_URL}/library/items/{item_id}" in body
        assert "Συνάντηση υγείας" in body
