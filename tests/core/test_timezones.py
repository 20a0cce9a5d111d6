"""Europe/Athens: UTC stored, local shown, DST transitions (2026-03-29 and 2026-10-25)."""

from datetime import UTC, datetime, timedelta

import pytest

from mediator_portal.timezones import ATHENS, local_to_utc, to_local


@pytest.mark.parametrize(
    ("utc", "local", "offset"),
    [
        (datetime(2026, 1, 15, 10, 0, tzinfo=UTC), datetime(2026, 1, 15, 12, 0), 2),
        (datetime(2026, 7, 15, 10, 0, tzinfo=UTC), datetime(2026, 7, 15, 13, 0), 3),
        # Spring forward: 03:00 local becomes 04:00 at 01:00 UTC.
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), datetime(2026, 3, 29, 2, 59), 2),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 3, 29, 4, 0), 3),
        # Fall back: 04:00 local becomes 03:00 again at 01:00 UTC.
        (datetime(2026, 10, 25, 0, 59, tzinfo=UTC), datetime(2026, 10, 25, 3, 59), 3),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), datetime(2026, 10, 25, 3, 0), 2),
    ],
)
def test_to_local(utc, local, offset):
    shown = to_local(utc)
    assert shown.replace(tzinfo=None) == local
    assert shown.utcoffset() == timedelta(hours=offset)


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        (datetime(2026, 3, 28, 18, 0), datetime(2026, 3, 28, 16, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 18, 0), datetime(2026, 3, 29, 15, 0, tzinfo=UTC)),
        (datetime(2026, 10, 24, 18, 0), datetime(2026, 10, 24, 15, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 18, 0), datetime(2026, 10, 25, 16, 0, tzinfo=UTC)),
        # 03:30 on 25 October happens twice: the first (summer-time) one is meant.
        (datetime(2026, 10, 25, 3, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        # 03:30 on 29 March does not exist: read with the offset before the change.
        (datetime(2026, 3, 29, 3, 30), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    ],
)
def test_local_to_utc(local, utc):
    converted = local_to_utc(local)
    assert converted == utc
    assert converted.utcoffset() == timedelta(0)


def test_a_weekly_slot_keeps_its_wall_clock_time_across_the_change():
    before = local_to_utc(datetime(2026, 3, 26, 18, 0))
    after = local_to_utc(datetime(2026, 4, 2, 18, 0))
    assert after - before == timedelta(days=7, hours=-1)
    assert to_local(after).hour == to_local(before).hour == 18


def test_aware_input_is_converted_not_reinterpreted():
    aware = datetime(2026, 6, 1, 12, 0, tzinfo=ATHENS)
    assert local_to_utc(aware) == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_round_trip_over_a_year():
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    while moment.year == 2026:
        local = to_local(moment).replace(tzinfo=None)
        if local_to_utc(local) != moment:
            # Only the repeated autumn hour may map back to its first occurrence.
            assert local_to_utc(local) == moment - timedelta(hours=1)
            assert (moment.month, moment.day) == (10, 25)
        moment += timedelta(minutes=30)
