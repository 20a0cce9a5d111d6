"""The hours record: attended slots count their length as individual or group hours, per
Athens month and per period; no-shows and late cancellations count as such, not as hours;
`hours_below_target` says how far each mediator is from a period's target."""

from datetime import date, time
from decimal import Decimal

from mediator_portal.extensions import db
from mediator_portal.supervision import services
from tests.supervision.factories import athens_day, make_team
from tests.supervision.hours_factories import attended, make_period


def test_individual_and_group_hours_and_the_other_marks(app_ctx):
    supervisor, (one, two) = make_team(2)
    attended(supervisor, [one], minutes=90, days_ago=3)
    attended(supervisor, [one, two], kind="group", capacity=4, minutes=60, days_ago=2)
    attended(supervisor, [one], status="no_show", days_ago=4)
    attended(supervisor, [one], status="cancelled_late", days_ago=5)
    record = services.hours_record(db.session, one)
    total = record.total
    assert (total.individual, total.group, total.hours) == (
        Decimal("1.50"),
        Decimal("1.00"),
        Decimal("2.50"),
    )
    assert (total.attended, total.no_show, total.late) == (2, 1, 1)
    assert len(record.lines) == 4
    assert services.hours_record(db.session, two).total.hours == Decimal("1.00")


def test_hours_per_athens_month(app_ctx):
    supervisor, (one,) = make_team(1)
    # 00:30 on the 1st in Athens is still the last day of the month before in UTC.
    attended(supervisor, [one], day=date(2026, 3, 1), start=time(0, 30), minutes=60)
    attended(supervisor, [one], day=date(2026, 2, 20), start=time(10, 0), minutes=30)
    months = dict(services.hours_record(db.session, one).months)
    assert months[date(2026, 3, 1)].hours == Decimal("1.00")
    assert months[date(2026, 2, 1)].hours == Decimal("0.50")


def test_hours_per_period_against_its_target(app_ctx):
    supervisor, (one,) = make_team(1)
    first = make_period(date(2026, 1, 1), date(2026, 6, 30), target=10, name="Α΄ εξάμηνο 2026")
    make_period(date(2026, 7, 1), date(2026, 12, 31), target=12, name="Β΄ εξάμηνο 2026")
    attended(supervisor, [one], day=date(2026, 6, 30), start=time(23, 0), minutes=60)
    attended(supervisor, [one], day=date(2026, 7, 1), start=time(9, 0), minutes=120)
    record = services.hours_record(db.session, one)
    by_name = {row.period.name: row for row in record.periods}
    assert by_name["Α΄ εξάμηνο 2026"].sums.hours == Decimal("1.00")
    assert by_name["Α΄ εξάμηνο 2026"].below == Decimal("9.00")
    assert by_name["Β΄ εξάμηνο 2026"].sums.hours == Decimal("2.00")
    assert services.hours_below_target(db.session, [one.id], first) == {one.id: Decimal("9.00")}


def test_hours_below_target_for_many_and_none_reached(app_ctx):
    supervisor, (one, two) = make_team(2)
    period = make_period(athens_day(-30), athens_day(30), target=1)
    attended(supervisor, [one], minutes=90)
    found = services.hours_below_target(db.session, [one.id, two.id], None)  # the current
    assert found == {one.id: Decimal("0.00"), two.id: Decimal("1.00")}
    assert services.current_period(db.session) == period


def test_without_a_period_nobody_is_below(app_ctx):
    supervisor, (one,) = make_team(1)
    assert services.hours_below_target(db.session, [one.id], None) == {one.id: Decimal("0.00")}
    assert services.hours_below_target(db.session, [], None) == {}


def test_a_disputed_line_counts_until_corrected(app_ctx):
    supervisor, (one,) = make_team(1)
    slot = attended(supervisor, [one], minutes=60)
    line = services.hours_record(db.session, one).lines[0]
    mark = services.own_mark_or_404(db.session, one, line.mark_id)
    services.dispute(db.session, mark, one, "Δεν ήμουν εκεί")
    assert services.hours_record(db.session, one).total.hours == Decimal("1.00")
    services.mark_attendance(db.session, slot, supervisor=supervisor, marks={one.id: "no_show"})
    assert services.hours_record(db.session, one).total.hours == Decimal("0.00")
