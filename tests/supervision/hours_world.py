"""`hours_world`: a supervisor with two supervisees (one in a Greek-named region, one named
like a spreadsheet formula), sessions marked (one disputed), a current period, a slot not
started yet, and a stranger supervisor with their own supervisee; committed. Ids and
e-mails only."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.models import Mark
from tests.factories import make_municipality, make_region, make_user
from tests.supervision.factories import athens_day, make_slot, make_team
from tests.supervision.hours_factories import attended, book_back_then, make_period

COMMENT = "Κράτησε μισή ώρα — ιδιωτικό σχόλιο"
LINK = '=HYPERLINK("http://x","y")'


@pytest.fixture(name="hours_world")
def hours_world_fixture(app):
    with app.app_context():
        admin, trainer = make_user("admin"), make_user("trainer")
        region = make_region("Κεντρική Μακεδονία", "Central Macedonia")
        place = make_municipality(region, "Θεσσαλονίκη", name_en="Thessaloniki")
        supervisor = make_user("supervisor")
        one = make_user("mediator", name="Μαρία Παπαδοπούλου", municipality=place)
        hostile = make_user("mediator", name=LINK)
        make_team(0, supervisor=supervisor, admin=admin)
        for person in (one, hostile):
            services.assign(
                db.session, actor=admin, mediator_id=person.id, supervisor_id=supervisor.id
            )
        stranger, (theirs,) = make_team(1, admin=admin)
        single = attended(supervisor, [one], minutes=90, days_ago=3)
        group = attended(
            supervisor, [one, hostile], kind="group", capacity=4, minutes=60, days_ago=2
        )
        foreign = attended(stranger, [theirs], days_ago=2)
        mark = db.session.scalar(
            select(Mark).where(Mark.slot_id == group.id, Mark.mediator_id == one.id)
        )
        services.dispute(db.session, mark, one, COMMENT)
        period = make_period(athens_day(-60), athens_day(60), target=10)
        upcoming = make_slot(supervisor, days_ahead=4)
        unmarked = attended(supervisor, [], days_ago=1)
        book_back_then(unmarked, hostile)
        db.session.commit()
        return SimpleNamespace(
            admin=admin.email,
            trainer=trainer.email,
            supervisor=supervisor.email,
            stranger=stranger.email,
            one=one.email,
            one_id=one.id,
            hostile=hostile.email,
            hostile_id=hostile.id,
            theirs=theirs.email,
            theirs_id=theirs.id,
            single=single.id,
            group=group.id,
            foreign=foreign.id,
            upcoming=upcoming.id,
            unmarked=unmarked.id,
            mark=mark.id,
            period=period.id,
        )
