"""The hours pages at work: the supervisor saves a slot's sheet (a bad mark is refused with
its message, a slot not started yet is not marked), the mediator confirms and disputes
(an empty comment is refused), the supervisor reads the comment and corrects the mark; the
totals show each mediator and region with the hours below the period's target."""

from sqlalchemy import select

from mediator_portal.extensions import db
from mediator_portal.supervision.models import Mark
from tests.supervision.hours_world import COMMENT, hours_world_fixture  # noqa: F401 - fixture


def mark_row(world, slot_id: int, mediator_id: int) -> Mark:
    return db.session.scalar(
        select(Mark).where(Mark.slot_id == slot_id, Mark.mediator_id == mediator_id)
    )


def test_the_supervisor_saves_the_sheet(app, hours_world, sign_in):
    browser = sign_in(hours_world.supervisor)
    url = f"/supervision/slots/{hours_world.unmarked}/attendance"
    page = browser.get(url).text
    assert f'name="mark-{hours_world.hostile_id}" value="attended" checked' in page
    saved = browser.post(url, data={f"mark-{hours_world.hostile_id}": "no_show"})
    assert saved.status_code == 302
    with app.app_context():
        assert mark_row(hours_world, hours_world.unmarked, hours_world.hostile_id).status == (
            "no_show"
        )
    slot_page = browser.get(f"/supervision/slots/{hours_world.unmarked}").text
    assert "Mark attendance" in slot_page


def test_a_bad_mark_is_refused_with_its_message(hours_world, sign_in):
    browser = sign_in(hours_world.supervisor)
    url = f"/supervision/slots/{hours_world.unmarked}/attendance"
    for data in (
        {f"mark-{hours_world.hostile_id}": "present"},
        {f"mark-{hours_world.one_id}": "attended"},
        {"mark-abc": "attended"},
    ):
        refused = browser.post(url, data=data)
        assert refused.status_code == 422
        assert "Please mark only the mediators of this slot" in refused.text


def test_a_slot_not_started_is_not_marked(hours_world, sign_in):
    browser = sign_in(hours_world.supervisor)
    url = f"/supervision/slots/{hours_world.upcoming}/attendance"
    assert "Attendance is marked once the slot has started." in browser.get(url).text
    assert browser.post(url, data={}).status_code == 409
    assert "Mark attendance" not in browser.get(f"/supervision/slots/{hours_world.upcoming}").text


def test_the_mediator_confirms_and_disputes(app, hours_world, sign_in):
    browser = sign_in(hours_world.one)
    page = browser.get("/supervision/hours").text
    assert "Disputed" in page and COMMENT in page and "2.50" in page
    single = None
    with app.app_context():
        single = mark_row(hours_world, hours_world.single, hours_world.one_id).id
    assert browser.post(f"/supervision/hours/{single}/confirm").status_code == 302
    empty = browser.post(f"/supervision/hours/{single}/dispute", data={"comment": "  "})
    assert empty.status_code == 422 and "Please say what is wrong" in empty.text
    long = browser.post(f"/supervision/hours/{single}/dispute", data={"comment": "α" * 1001})
    assert long.status_code == 422
    sent = browser.post(f"/supervision/hours/{single}/dispute", data={"comment": "Λάθος ώρα"})
    assert sent.status_code == 302
    with app.app_context():
        row = mark_row(hours_world, hours_world.single, hours_world.one_id)
        assert (row.answer, row.comment) == ("disputed", "Λάθος ώρα")


def test_a_no_show_cannot_be_confirmed(app, hours_world, sign_in):
    browser = sign_in(hours_world.supervisor)
    url = f"/supervision/slots/{hours_world.single}/attendance"
    browser.post(url, data={f"mark-{hours_world.one_id}": "no_show"})
    with app.app_context():
        row = mark_row(hours_world, hours_world.single, hours_world.one_id)
    mediator = sign_in(hours_world.one)
    assert mediator.post(f"/supervision/hours/{row.id}/confirm").status_code == 409


def test_the_supervisor_reads_the_dispute_and_corrects_it(app, hours_world, sign_in):
    browser = sign_in(hours_world.supervisor)
    record = browser.get(f"/supervision/supervisees/{hours_world.one_id}/hours").text
    assert COMMENT in record and "Correct the mark" in record
    sheet = browser.get(f"/supervision/slots/{hours_world.group}/attendance").text
    assert COMMENT in sheet
    url = f"/supervision/slots/{hours_world.group}/attendance"
    data = {f"mark-{hours_world.one_id}": "no_show", f"mark-{hours_world.hostile_id}": "attended"}
    assert browser.post(url, data=data).status_code == 302
    with app.app_context():
        row = mark_row(hours_world, hours_world.group, hours_world.one_id)
        assert (row.status, row.answer) == ("no_show", "pending")


def test_the_totals_per_mediator_and_region(hours_world, sign_in):
    page = sign_in(hours_world.trainer).get("/supervision/hours/totals?lang=en").text
    assert "Central Macedonia" in page and "Μαρία Παπαδοπούλου" in page
    assert "2.50" in page  # Maria: 1.50 individual + 1.00 group
    assert "7.50" in page  # ten hours target, 2.50 done
    assert page.count('class="govgr-table__row mediator-row"') >= 3
    everything = sign_in(hours_world.trainer).get("/supervision/hours/totals?period=all").text
    assert "Hours below the target" not in everything


def test_periods_are_added_and_changed(app, hours_world, sign_in):
    browser = sign_in(hours_world.admin)
    data = {"name": "Β΄ εξάμηνο", "starts_on": "2027-07-01", "ends_on": "2027-12-31"}
    added = browser.post("/supervision/periods/new", data={**data, "target_hours": "12"})
    assert added.status_code == 302
    assert "Β΄ εξάμηνο" in browser.get("/supervision/periods").text
    backwards = {**data, "ends_on": "2027-06-01", "target_hours": "12"}
    refused = browser.post("/supervision/periods/new", data=backwards)
    assert refused.status_code == 422 and "The period must end on or after" in refused.text
    for target in ("-1", "2001", "ten"):
        bad = browser.post("/supervision/periods/new", data={**data, "target_hours": target})
        assert bad.status_code == 422
    blank = browser.post("/supervision/periods/new", data={**data, "name": " ", "target_hours": 1})
    assert blank.status_code == 422
    edit = f"/supervision/periods/{hours_world.period}/edit"
    changed = browser.post(edit, data={**data, "name": "Όλο το 2027", "target_hours": "20"})
    assert changed.status_code == 302
    assert "Όλο το 2027" in browser.get("/supervision/periods").text
    assert browser.get("/supervision/periods/999999/edit").status_code == 404
