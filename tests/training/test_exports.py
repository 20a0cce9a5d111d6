"""Downloads of a session's attendance sheet and of the records overview, as CSV and XLSX:
trainers and administrators only; Greek intact; a name written as a formula stays text; the
period filter applies; private trainer notes never appear."""

import csv
import io
import zipfile
from datetime import date, time
from urllib.parse import unquote

import openpyxl
import pytest

from mediator_portal.extensions import db
from mediator_portal.training import services
from tests.factories import make_user
from tests.training.conftest import NOTE
from tests.training.factories import make_proposal, make_trainer_answer
from tests.training.record_factories import marked_session

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL

LINK = '=HYPERLINK("http://x","y")'


def sheet_world() -> dict:
    """A session 10:00-11:30 covering a proposal with a private note; three people marked."""
    trainer = make_user("trainer")
    proposal = make_proposal(title="Διερμηνεία σε δομές υγείας")
    services.add_note(db.session, proposal, author=trainer, body=NOTE)
    make_trainer_answer(proposal, "accepted", trainer=trainer)
    maria = make_user("mediator", name="Μαρία Παπαδοπούλου")
    hostile = make_user("mediator", name=LINK)
    away = make_user("mediator", name="Γιώργος Απών")
    row = marked_session(
        {maria: "present", hostile: "present", away: "absent"},
        day=date(2026, 3, 10),
        start=time(10, 0),
        end=time(11, 30),
        title="Υγεία και διερμηνεία",
    )
    services.schedule(db.session, [proposal], row=row, actor=trainer, body="Στη συνάντηση")
    return {"session": row.id, "maria": maria.id}


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(body: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def xlsx_xml(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def test_the_attendance_sheet_as_csv(member, seed):
    ids = seed(sheet_world)
    response = member("trainer").get(f"/training/sessions/{ids['session']}/attendance.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "private, no-store"
    name = unquote(response.headers["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == "Attendance 2026-03-10 Υγεία και διερμηνεία.csv"
    table = read_csv(response.data)
    assert table[0] == ["Name", "Municipality", "Answer", "Attendance", "Hours"]
    rows = {row[0]: row for row in table[1:]}
    assert rows["Μαρία Παπαδοπούλου"][3:] == ["Present", "1.50"]
    assert rows["Γιώργος Απών"][3:] == ["Absent", "0.00"]
    assert rows["'" + LINK][3] == "Present"  # neutralised: shown as text
    assert NOTE.encode() not in response.data


def test_the_attendance_sheet_as_xlsx(member, seed):
    ids = seed(sheet_world)
    response = member("admin").get(f"/training/sessions/{ids['session']}/attendance.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    table = read_xlsx(response.data)
    rows = {row[0]: row for row in table[1:]}
    assert rows["Μαρία Παπαδοπούλου"][3:] == ["Present", 1.5]
    assert isinstance(rows[LINK][0], str)  # the name itself, as text
    xml = xlsx_xml(response.data)
    assert "<f>" not in xml and "<f " not in xml
    assert NOTE not in xml and "Διερμηνεία σε δομές υγείας" not in xml


def test_exports_speak_the_request_language(logged_in, seed):
    ids = seed(sheet_world)
    browser = logged_in("trainer")
    body = browser.get(f"/training/sessions/{ids['session']}/attendance.csv?lang=el").data
    table = read_csv(body)
    assert table[0][0] == "Όνομα"
    assert "Παρών/Παρούσα" in {row[3] for row in table[1:]}


def records_world() -> None:
    maria = make_user("mediator", name="Μαρία Παπαδοπούλου")
    hostile = make_user("mediator", name=LINK)
    marked_session({maria: "present", hostile: "present"}, day=date(2026, 3, 10))
    marked_session({maria: "present"}, day=date(2026, 4, 10), start=time(9, 0), end=time(9, 30))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_records_overview_with_its_period(member, seed, kind):
    seed(records_world)
    browser = member("trainer")
    everything = browser.get(f"/training/records.{kind}")
    march = browser.get(f"/training/records.{kind}?since=2026-03-01&until=2026-03-31")
    assert everything.status_code == march.status_code == 200
    read = read_csv if kind == "csv" else read_xlsx
    head, *rows = read(everything.data)
    assert head[0] == "Name" and head[-1] == "Hours attended"
    mine = {row[0]: row for row in rows}["Μαρία Παπαδοπούλου"]
    assert (float(mine[3]), float(mine[6])) == (2, 2.5)  # the half hour of April counts
    march_rows = {row[0]: row for row in read(march.data)[1:]}
    assert float(march_rows["Μαρία Παπαδοπούλου"][6]) == 2
    hostile = "'" + LINK if kind == "csv" else LINK
    assert hostile in march_rows
    disposition = unquote(march.headers["Content-Disposition"])
    assert f"Training records 2026-03-01 – 2026-03-31.{kind}" in disposition
    if kind == "xlsx":
        assert "<f>" not in xlsx_xml(march.data)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_private_notes_never_reach_an_export(member, seed, kind):
    ids = seed(sheet_world)
    browser = member("trainer")
    for path in (
        f"/training/records.{kind}",
        f"/training/sessions/{ids['session']}/attendance.{kind}",
    ):
        body = browser.get(path).data
        text = body.decode("utf-8-sig") if kind == "csv" else xlsx_xml(body)
        assert NOTE not in text, path


def test_a_bad_filter_is_refused_with_a_message(member):
    response = member("trainer").get("/training/records.csv?since=2026-05-01&until=2026-04-01")
    assert response.status_code == 422
    assert "The filters are not valid" in response.text


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_members_cannot_download(member, seed, role, kind):
    ids = seed(sheet_world)
    browser = member(role)
    assert browser.get(f"/training/records.{kind}").status_code == 403
    assert browser.get(f"/training/sessions/{ids['session']}/attendance.{kind}").status_code == 403


@pytest.mark.parametrize("path", ["/training/records.csv", "/training/sessions/1/attendance.xlsx"])
def test_visitors_cannot_download(client, path):
    assert client.get(path).status_code in (302, 401)


def test_unknown_formats_and_sessions_are_not_found(member, seed):
    ids = seed(sheet_world)
    browser = member("trainer")
    assert browser.get("/training/records.pdf").status_code == 404
    assert browser.get(f"/training/sessions/{ids['session']}/attendance.ods").status_code == 404
    assert browser.get("/training/sessions/2147483000/attendance.csv").status_code == 404


def test_the_pages_link_their_downloads(member, seed):
    ids = seed(sheet_world)
    browser = member("trainer")
    sheet = browser.get(f"/training/sessions/{ids['session']}/attendance").text
    assert f"/training/sessions/{ids['session']}/attendance.csv" in sheet
    assert f"/training/sessions/{ids['session']}/attendance.xlsx" in sheet
    overview = browser.get("/training/records").text
    assert "/training/records.csv" in overview and "/training/records.xlsx" in overview
