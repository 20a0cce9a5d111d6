"""Weekly slots keep their Athens wall-clock time across the clock changes (2026-03-29 and
2026-10-25), and a time in the hour the clocks skip is refused, naming the day."""

from datetime import UTC, date, datetime, time

import pytest
from flask_babel import force_locale

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from mediator_portal.supervision.services import errors
from mediator_portal.timezones import to_local
from tests.supervision.factories import make_slot, make_team

BEFORE_SPRING = datetime(2026, 3, 1, tzinfo=UTC)


def publish(supervisor, first: date, until: date, at: time, now=BEFORE_SPRING):
    return services.publish(
        db.session,
        supervisor=supervisor,
        kind=services.GROUP,
        capacity=6,
        where=services.Where(True, "https://meet.example.org/room"),
        day=first,
        start=at,
        minutes=90,
        repeat_until=until,
        now=now,
    )


def test_a_weekly_ten_o_clock_stays_at_ten_across_both_changes(app_ctx):
    supervisor, _ = make_team(0)
    made = publish(supervisor, date(2026, 3, 18), date(2026, 11, 4), time(10, 0))
    local = [to_local(slot.starts_at) for slot in made.slots]
    assert len(local) == 34 and made.series is not None
    assert {(moment.hour, moment.minute) for moment in local} == {(10, 0)}
    assert {moment.weekday() for moment in local} == {2}  # every Wednesday
    utc_hours = [slot.starts_at.hour for slot in made.slots]
    assert utc_hours[:2] == [8, 8]  # winter time, UTC+2
    assert utc_hours[2] == 7  # 1 April: summer time, UTC+3
    assert utc_hours[-1] == 8  # November: winter time again
    assert all(slot.minutes == 90 for slot in made.slots)
    assert {slot.series_id for slot in made.slots} == {made.series.id}


def test_a_sunday_series_on_the_change_days_themselves(app_ctx):
    supervisor, _ = make_team(0)
    made = publish(supervisor, date(2026, 3, 22), date(2026, 4, 5), time(10, 0))
    assert [to_local(slot.starts_at).strftime("%d %H:%M") for slot in made.slots] == [
        "22 10:00",
        "29 10:00",
        "05 10:00",
    ]
    autumn = publish(
        supervisor, date(2026, 10, 18), date(2026, 11, 1), time(10, 0), now=BEFORE_SPRING
    )
    assert {to_local(slot.starts_at).hour for slot in autumn.slots} == {10}
    assert [slot.starts_at.hour for slot in autumn.slots] == [7, 8, 8]


def test_a_time_in_the_missing_hour_is_refused_naming_the_day(app_ctx):
    supervisor, _ = make_team(0)
    with pytest.raises(errors.TimeDoesNotExist) as error:
        publish(supervisor, date(2026, 3, 22), date(2026, 4, 5), time(3, 30))
    with force_locale("en"):
        text = str(error.value.message)
    assert text.startswith("This time does not exist in Athens on 29/03/2026")
    assert db.session.scalar(db.select(db.func.count()).select_from(services.Slot)) == 0


def test_the_repeated_autumn_hour_is_its_first_occurrence_and_said_so(app_ctx):
    supervisor, _ = make_team(0)
    made = publish(supervisor, date(2026, 10, 25), date(2026, 11, 1), time(3, 30))
    assert made.ambiguous
    assert made.slots[0].starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # UTC+3


def test_a_one_off_slot_in_the_missing_hour_is_refused(app_ctx):
    supervisor, _ = make_team(0)
    with pytest.raises(errors.TimeDoesNotExist):
        make_slot(supervisor, day=date(2026, 3, 29), start=time(3, 0), now=BEFORE_SPRING)


@pytest.mark.parametrize(
    ("first", "until"),
    [
        (date(2026, 3, 18), date(2026, 3, 18)),  # not after the first day
        (date(2026, 3, 18), date(2026, 3, 10)),  # before it
        (date(2026, 3, 18), date(2027, 3, 30)),  # more than 52 weeks
    ],
)
def test_bad_repeats_are_refused(app_ctx, first, until):
    supervisor, _ = make_team(0)
    with pytest.raises(errors.BadRepeat):
        publish(supervisor, first, until, time(10, 0))
