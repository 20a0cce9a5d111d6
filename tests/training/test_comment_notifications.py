"""A comment on a proposal tells every follower of it (the proposer, the supporters unless
they unfollowed, anyone who chose to follow) except its author, once each, in the list and
by e-mail as each chose for the kind "Comments on training proposals I follow" (the digest
by default); the notification opens the proposal at the comment."""

import re

import pytest
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.notifications import services as notifications
from mediator_portal.notifications.models import Notification
from mediator_portal.training import services
from tests.notifications.helpers import parts_of
from tests.training.conftest import account
from tests.training.factories import make_proposal
from tests.training.test_email import PUBLIC_URL, drained

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def comment_notices(app) -> list[tuple[int, int]]:
    """(recipient, comment id) of every comment notification."""
    with app.app_context():
        rows = db.session.execute(
            select(Notification.recipient_id, Notification.target_id)
            .where(Notification.kind == services.COMMENT_KIND)
            .order_by(Notification.recipient_id)
        )
        return [tuple(row) for row in rows]


def following(user_of, **extra):
    """A proposal with its proposer, two supporters (one unfollowed), a follower who did not
    support, and an outsider; the people (detached)."""
    people = {
        name: user_of("mediator", **extra.get(name, {}))
        for name in ("proposer", "supporter", "quitter", "watcher", "outsider")
    }
    return people


def build(people):
    def run():
        mine = {name: account(person) for name, person in people.items()}
        proposal = make_proposal(mine["proposer"], title="Διερμηνεία και τραύμα", body="Αρχή")
        services.support(db.session, proposal, mine["supporter"])
        services.support(db.session, proposal, mine["quitter"])
        services.follow(db.session, proposal, mine["quitter"], following=False)
        services.follow(db.session, proposal, mine["watcher"])
        return proposal.id

    return run


def test_every_follower_but_the_author_is_told_once(app, user_of, seed):
    people = following(user_of)
    proposal_id = seed(build(people))

    def comment():
        proposal = services.get_proposal(db.session, proposal_id)
        return services.add_comment(
            db.session, proposal, author=account(people["supporter"]), body="Συμφωνώ **πολύ**"
        ).id

    comment_id = seed(comment)
    expected = sorted((people[name].id, comment_id) for name in ("proposer", "watcher"))
    assert comment_notices(app) == expected

    # The proposer answering tells the supporter (who commented) and the watcher.
    def reply():
        proposal = services.get_proposal(db.session, proposal_id)
        return services.add_comment(
            db.session, proposal, author=account(people["proposer"]), body="Ευχαριστώ"
        ).id

    reply_id = seed(reply)
    told = [recipient for recipient, target in comment_notices(app) if target == reply_id]
    assert told == sorted(people[name].id for name in ("supporter", "watcher"))


def test_the_notification_opens_the_proposal_at_the_comment(app, user_of, seed, member):
    proposer = member("mediator")
    people = following(user_of)
    people["proposer"] = proposer.user
    proposal_id = seed(build(people))
    commenter = member("mediator")
    response = commenter.post(f"/training/p/{proposal_id}/comments", data={"body": "Ερώτηση;"})
    assert response.status_code == 302
    [(_, comment_id)] = [row for row in comment_notices(app) if row[0] == proposer.user.id]
    listing = proposer.get("/notifications/").text
    assert "Διερμηνεία και τραύμα" in listing
    with app.app_context():
        row_id = db.session.scalar(
            select(Notification.id).where(Notification.kind == services.COMMENT_KIND)
        )
    opened = proposer.post(f"/notifications/{row_id}/open")
    assert opened.status_code in (302, 303)
    assert opened.headers["Location"].endswith(f"/training/p/{proposal_id}#comment-{comment_id}")


def test_e_mail_follows_each_person_s_choice(app, user_of, seed, mailbox, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    people = following(
        user_of,
        proposer={"email": "proposer@example.org", "locale": "en"},
        watcher={"email": "watcher@example.org"},
    )
    proposal_id = seed(build(people))

    def comment():
        notifications.save_preferences(
            db.session,
            people["proposer"].id,
            {services.COMMENT_KIND: "immediately"},
            digest_hour=7,
            pause_days=0,
        )
        proposal = services.get_proposal(db.session, proposal_id)
        made = services.add_comment(
            db.session, proposal, author=account(people["supporter"]), body="Καλή ιδέα, *ναι*"
        )
        return made.id

    comment_id = seed(comment)
    drained()
    [message] = mailbox  # the watcher kept the default, the digest
    assert message["To"] == "proposer@example.org"
    assert message["Subject"] == "Comments on training proposals I follow: Διερμηνεία και τραύμα"
    for body in parts_of(message).values():
        assert f"{PUBLIC_URL}/training/p/{proposal_id}#comment-{comment_id}" in body
        assert re.search(r"Καλή ιδέα, ναι", body)


def test_the_kind_has_its_label_and_default_in_the_preferences(member):
    kind = notifications.KINDS[services.COMMENT_KIND]
    assert kind.delivery == "digest" and kind.mutable and not kind.urgent
    page = member("mediator").get("/notifications/preferences").text
    assert "Comments on training proposals I follow" in page
