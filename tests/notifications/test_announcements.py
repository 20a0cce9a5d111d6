"""An administrator's announcement: a new topic that notifies everyone who can read its
category (even those who muted it), e-mailed at once to those who chose the digest for it
but not to those who chose "never"; nobody else may announce."""

import pytest
from sqlalchemy import func, select

from mediator_portal.extensions import db
from mediator_portal.forums import services as forums
from mediator_portal.forums.models import Topic
from mediator_portal.notifications import services
from tests.factories import make_user
from tests.forums.factories import make_category
from tests.notifications.helpers import kinds_of, rows_of
from tests.notifications.test_email import drained

pytestmark = pytest.mark.database


def announce(author, category, **fields):
    return forums.start_topic(
        db.session,
        category=category,
        author=author,
        title=fields.get("title", "Νέα ημερομηνία εκπαίδευσης"),
        body=fields.get("body", "Η συνάντηση μεταφέρεται στις 12 Δεκεμβρίου."),
        announce=True,
    )


def test_everyone_who_can_read_is_told_muted_or_not(app_ctx):
    admin = make_user("admin")
    mediator, muted, trainer = make_user("mediator"), make_user("mediator"), make_user("trainer")
    gone = make_user("mediator", active=False)
    open_to_all, trainers_only = make_category(), make_category(visible_to="trainer,admin")
    services.set_watch_level(db.session, muted.id, "category", open_to_all.id, "muted")
    db.session.commit()
    announce(admin, open_to_all)
    db.session.commit()
    for person in (mediator, muted, trainer):
        assert kinds_of(person) == ["announcement"]
    assert rows_of(admin) == [] and rows_of(gone) == []

    announce(admin, trainers_only)
    db.session.commit()
    assert kinds_of(trainer) == ["announcement", "announcement"]
    assert kinds_of(mediator) == ["announcement"]


def test_a_mention_in_an_announcement_is_one_notification_not_two(app_ctx):
    admin, named = make_user("admin"), make_user("mediator", name="Ζωή Καραγιάννη")
    announce(admin, make_category(), body="@ζωη_καραγιαννη θα συντονίσει")
    db.session.commit()
    assert kinds_of(named) == ["mention"]


@pytest.mark.parametrize("role", ["trainer", "mediator", "supervisor"])
def test_only_administrators_announce(app_ctx, role):
    category = make_category()
    with pytest.raises(forums.NotAllowed):
        announce(make_user(role), category)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Topic.id))) == 0


def test_the_form_offers_it_to_administrators_and_refuses_it_from_others(app, member, seed):
    category_id = seed(lambda: make_category().id)
    path = f"/forums/c/{category_id}/new"
    admin, trainer = member("admin"), member("trainer")
    assert 'name="announce"' in admin.get(path).get_data(as_text=True)
    assert 'name="announce"' not in trainer.get(path).get_data(as_text=True)

    form = {"title": "Ανακοίνωση", "body": "Κείμενο της ανακοίνωσης", "announce": "y"}
    refused = trainer.post(path, data=form)
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Topic.id))) == 0
    assert admin.post(path, data=form).status_code == 302
    with app.app_context():
        assert kinds_of(trainer.user) == ["announcement"]


def test_it_is_e_mailed_at_once_unless_the_person_chose_never(app, user_of, seed, mailbox):
    admin, digest, never = user_of("admin"), user_of("mediator"), user_of("mediator")

    def publish():
        for person, delivery in ((digest, "digest"), (never, "never")):
            chosen = services.preferences(db.session, person.id).deliveries
            services.save_preferences(
                db.session, person.id, {**chosen, "announcement": delivery}, 7, 0
            )
        category = make_category()
        db.session.commit()
        announce(db.session.merge(admin), category)
        db.session.commit()

    seed(publish)
    drained()
    assert [message["To"] for message in mailbox] == [digest.email]
