"""Training records: a member sees their own (sessions marked, the hours of each, totals of
the sessions attended only); trainers and administrators see everyone's totals and one
member's record, filtered by Athens calendar days and by region or municipality; mediators
and supervisors are refused the others' records."""

from datetime import date, time
from decimal import Decimal

import pytest

from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.factories import make_municipality, make_region, make_user
from tests.training.conftest import account
from tests.training.record_factories import marked_session

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def three_sessions(person, other=None) -> None:
    """Present 10:00-11:30 (1.5 h), absent 2 h, excused 45 min; `other` present at all."""
    extra = {other: "present"} if other else {}
    marked_session(
        {person: "present", **extra},
        day=date(2026, 3, 1),
        start=time(10, 0),
        end=time(11, 30),
        title="Διερμηνεία στην υγεία",
    )
    marked_session({person: "absent", **extra}, day=date(2026, 4, 2), title="Άσυλο")
    marked_session(
        {person: "excused", **extra},
        day=date(2026, 5, 3),
        start=time(9, 0),
        end=time(9, 45),
        title="Εργασία",
    )


def test_hours_count_the_duration_of_the_sessions_attended_only(app_ctx):
    person = make_user("mediator")
    three_sessions(person, other=make_user("mediator"))
    record = services.record_of(db.session, person)
    assert [line.title for line in record.lines] == ["Εργασία", "Άσυλο", "Διερμηνεία στην υγεία"]
    assert [line.hours for line in record.lines] == [Decimal("0.75"), 2, Decimal("1.50")]
    assert [line.status for line in record.lines] == ["excused", "absent", "present"]
    totals = record.totals
    assert (totals.attended, totals.absent, totals.excused) == (1, 1, 1)
    assert totals.hours == Decimal("1.50")


@pytest.mark.parametrize(
    ("first", "last", "titles"),
    [
        (None, None, ["late", "early"]),
        (date(2026, 3, 1), None, ["late"]),  # 00:30 Athens on 1 March is 28 February in UTC
        (None, date(2026, 2, 28), ["early"]),
        (date(2026, 2, 28), date(2026, 2, 28), ["early"]),
        (date(2026, 3, 2), None, []),
    ],
)
def test_the_period_is_in_athens_calendar_days(app_ctx, first, last, titles):
    person = make_user("mediator")
    marked_session(
        {person: "present"},
        day=date(2026, 2, 28),
        start=time(23, 0),
        end=time(23, 30),
        title="early",
    )
    marked_session(
        {person: "present"}, day=date(2026, 3, 1), start=time(0, 30), end=time(1, 0), title="late"
    )
    record = services.record_of(db.session, person, services.Period(first, last))
    assert [line.title for line in record.lines] == titles
    rows = services.records_overview(db.session, services.Period(first, last))
    assert [row.totals.attended for row in rows if row.user_id == person.id] == [len(titles)]


def test_my_record_page_shows_my_sessions_and_totals(member, seed):
    browser = member("mediator")
    seed(
        lambda: three_sessions(
            account(browser), other=make_user("mediator", name="Άλλη Μεσολαβήτρια")
        )
    )
    page = browser.get("/training/record")
    assert page.status_code == 200
    text = page.text
    assert "My training record" in text
    assert "Διερμηνεία στην υγεία" in text and "Άσυλο" in text and "Εργασία" in text
    assert "1.5" in text and "0.75" in text and "Excused" in text
    assert "Άλλη Μεσολαβήτρια" not in text
    filtered = browser.get("/training/record?since=2026-04-01&until=2026-04-30").text
    assert "Άσυλο" in filtered and "Διερμηνεία στην υγεία" not in filtered


def test_the_record_is_in_greek_too(logged_in, seed):
    browser = logged_in("mediator")
    seed(lambda: three_sessions(account(browser)))
    text = browser.get("/training/record?lang=el").text
    assert "Το αρχείο εκπαίδευσής μου" in text and "1,5" in text and "Παρών" in text


@pytest.mark.parametrize(
    "query",
    [
        "since=yesterday",
        "until=2026-13-01",
        "since=2026-05-01&until=2026-04-01",
        "since=1066-10-14",
    ],
)
@pytest.mark.parametrize("path", ["/training/record", "/training/records"])
def test_a_bad_period_is_refused_with_a_message(member, path, query):
    browser = member("trainer")
    page = browser.get(f"{path}?{query}")
    assert page.status_code == 422
    assert "govgr-error-summary" in page.text


def overview_world() -> dict:
    north, south = make_region(name="Βόρεια"), make_region(name="Νότια")
    here, there = make_municipality(north, name="Δήμος Α"), make_municipality(south, name="Δήμος Β")
    idle = make_user("mediator", name="Άεργη Μεσολαβήτρια", municipality=here)
    busy = make_user("mediator", name="Πρόθυμος Μεσολαβητής", municipality=there)
    trainer = make_user("trainer", name="Εκπαιδεύτρια Παρούσα", municipality=there)
    gone = make_user("mediator", name="Ανενεργός Χωρίς Σημάδια", active=False)
    marked_session({busy: "present", trainer: "present"}, day=date(2026, 6, 1), end=time(13, 0))
    marked_session({busy: "absent"}, day=date(2026, 7, 1))
    return {"north": north.id, "here": here.id, "south": south.id, "gone": gone.id, "idle": idle.id}


def test_the_overview_lists_every_active_mediator_and_anyone_marked(app_ctx):
    ids = overview_world()
    rows = {row.name: row for row in services.records_overview(db.session)}
    assert "Ανενεργός Χωρίς Σημάδια" not in rows
    assert rows["Άεργη Μεσολαβήτρια"].totals.attended == 0
    busy = rows["Πρόθυμος Μεσολαβητής"]
    assert (busy.totals.attended, busy.totals.absent, busy.totals.hours) == (1, 1, Decimal("3.00"))
    assert (busy.municipality, busy.region) == ("Δήμος Β", "Νότια")
    assert rows["Εκπαιδεύτρια Παρούσα"].totals.hours == Decimal("3.00")
    north = services.records_overview(db.session, region_id=ids["north"])
    assert [row.name for row in north] == ["Άεργη Μεσολαβήτρια"]
    place = services.records_overview(db.session, municipality_id=ids["here"])
    assert [row.name for row in place] == ["Άεργη Μεσολαβήτρια"]
    june = services.records_overview(
        db.session, services.Period(date(2026, 6, 1), date(2026, 6, 30))
    )
    assert {row.name: row.totals.absent for row in june}["Πρόθυμος Μεσολαβητής"] == 0
    assert services.grand_total(rows.values()).attended == 2


def test_trainers_filter_the_overview_and_open_a_members_record(member, seed):
    ids = seed(overview_world)
    browser = member("trainer")
    page = browser.get("/training/records")
    assert page.status_code == 200
    assert "Πρόθυμος Μεσολαβητής" in page.text and "Άεργη Μεσολαβήτρια" in page.text
    south = browser.get(f"/training/records?region_id={ids['south']}&since=2026-06-01").text
    assert "Πρόθυμος Μεσολαβητής" in south and "Άεργη Μεσολαβήτρια" not in south
    link = south.split("/training/records.csv")[1].split('"')[0]
    assert "since=2026-06-01" in link and f"region_id={ids['south']}" in link  # kept
    one = browser.get(f"/training/records/{ids['idle']}")
    assert one.status_code == 200 and "Άεργη Μεσολαβήτρια" in one.text
    assert browser.get(f"/training/records/{ids['gone']}").status_code == 200
    assert browser.get("/training/records/2147483000").status_code == 404
    assert browser.get("/training/records/not-a-number").status_code == 404


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
@pytest.mark.parametrize(
    "path",
    ["/training/records", "/training/records/{other}", "/training/records?since=2026-01-01"],
)
def test_members_cannot_see_the_others_records(member, seed, role, path):
    browser = member(role)
    other = seed(lambda: make_user("mediator").id)
    assert browser.get(path.format(other=other)).status_code == 403


@pytest.mark.parametrize("role", ["mediator", "supervisor", "trainer", "admin"])
def test_everyone_has_a_record_of_their_own(member, role):
    assert member(role).get("/training/record").status_code == 200


@pytest.mark.parametrize("path", ["/training/record", "/training/records", "/training/records/1"])
def test_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code in (302, 401)


@pytest.mark.parametrize(("role", "shown"), [("mediator", False), ("trainer", True)])
def test_the_sessions_page_links_the_records(member, role, shown):
    text = member(role).get("/training/sessions").text
    assert 'href="/training/record"' in text
    assert ('href="/training/records"' in text) is shown
