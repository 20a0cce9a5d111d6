"""Who gets the daily digest when: 07:00 Athens across the DST changes, the chosen hour, the
pause, and once per day."""

from datetime import UTC, datetime, timedelta

import pytest

from mediator_portal.extensions import db
from mediator_portal.notifications import services
from tests.factories import make_user

pytestmark = pytest.mark.database


@pytest.mark.parametrize(
    ("moment", "hour"),
    [
        (datetime(2026, 1, 15, 5, 0, tzinfo=UTC), 7),  # winter: UTC+2
        (datetime(2026, 3, 28, 5, 0, tzinfo=UTC), 7),  # the day before summer time
        (datetime(2026, 3, 29, 4, 0, tzinfo=UTC), 7),  # the day summer time starts: UTC+3
        (datetime(2026, 10, 24, 4, 0, tzinfo=UTC), 7),  # the day before winter time
        (datetime(2026, 10, 25, 5, 0, tzinfo=UTC), 7),  # the day winter time starts
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 3),  # 03:30 summer time
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 3),  # 03:30 winter time (the hour again)
    ],
)
def test_the_digest_hour_is_read_on_the_athens_clock(moment, hour):
    found, began = services.digest_slot(moment)
    assert found == hour
    assert began <= moment < began + timedelta(hours=1)


def test_digests_are_due_at_each_persons_hour_once(app_ctx):
    default, evening = make_user("mediator"), make_user("mediator")
    paused = make_user("mediator")
    make_user("mediator", active=False)
    db.session.commit()
    everything = services.preferences(db.session, evening.id).deliveries
    services.save_preferences(db.session, evening.id, everything, 19, 0)
    services.save_preferences(db.session, paused.id, everything, 7, 3)
    db.session.commit()
    seven = datetime(2026, 3, 29, 4, 10, tzinfo=UTC)  # 07:10 in Athens, summer time
    assert services.digest_due(db.session, seven) == [default.id]
    assert services.digest_due(db.session, seven - timedelta(hours=1)) == []
    services.digest_sent(db.session, default.id, seven)
    db.session.commit()
    assert services.digest_due(db.session, seven + timedelta(minutes=20)) == []
    assert services.last_digest(db.session, default.id) == seven
    next_day = seven + timedelta(days=1)
    assert services.digest_due(db.session, next_day) == [default.id]
    evening_slot = datetime(2026, 3, 29, 16, 0, tzinfo=UTC)  # 19:00 in Athens
    assert services.digest_due(db.session, evening_slot) == [evening.id]
