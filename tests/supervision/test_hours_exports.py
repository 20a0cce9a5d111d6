"""The totals as CSV and XLSX, per mediator and per region: trainers and administrators
only; Greek intact; a name written as a formula stays text; hours and counts, never a
comment; the period chosen applies."""

import csv
import io
import zipfile

import openpyxl
import pytest

from tests.supervision.hours_world import COMMENT, LINK, hours_world_fixture  # noqa: F401


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(body: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def xlsx_xml(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def by_name(rows):
    return {row[0]: row for row in rows[1:]}


def test_per_mediator_as_csv(hours_world, sign_in):
    response = sign_in(hours_world.trainer).get("/supervision/hours/totals.csv?lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "no-store" in response.headers["Cache-Control"]
    rows = read_csv(response.data)
    assert rows[0][:3] == ["Name", "Municipality", "Region"]
    assert rows[0][-1] == "Hours below the target"
    maria = by_name(rows)["Μαρία Παπαδοπούλου"]
    assert maria[1:9] == [
        "Thessaloniki",
        "Central Macedonia",
        "1.50",
        "1.00",
        "2.50",
        "2",
        "0",
        "0",
    ]
    assert maria[9] == "7.50"
    assert "'" + LINK in by_name(rows)  # the formula is text
    assert COMMENT.encode() not in response.data


def test_per_mediator_as_xlsx_keeps_formulas_as_text(hours_world, sign_in):
    response = sign_in(hours_world.admin).get("/supervision/hours/totals.xlsx?lang=el")
    assert response.status_code == 200
    rows = read_xlsx(response.data)
    assert rows[0][0] == "Όνομα"  # the request's language
    names = by_name(rows)
    assert LINK in names and names["Μαρία Παπαδοπούλου"][5] == 2.5
    assert names["Μαρία Παπαδοπούλου"][2] == "Κεντρική Μακεδονία"
    xml = xlsx_xml(response.data)
    assert "<f>" not in xml and COMMENT not in xml


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_per_region(hours_world, sign_in, kind):
    response = sign_in(hours_world.trainer).get(
        f"/supervision/hours/totals.{kind}?by=region&period=all&lang=en"
    )
    assert response.status_code == 200
    rows = read_csv(response.data) if kind == "csv" else read_xlsx(response.data)
    regions = by_name(rows)
    assert str(regions["Central Macedonia"][1]) == "1"
    assert str(regions["Central Macedonia"][4]) in ("2.50", "2.5")
    assert "No region" in regions


def test_the_period_applies(hours_world, sign_in):
    browser = sign_in(hours_world.admin)
    browser.post(
        f"/supervision/periods/{hours_world.period}/edit",
        data={
            "name": "Παλιά",
            "starts_on": "2020-01-01",
            "ends_on": "2020-06-30",
            "target_hours": 3,
        },
    )
    response = browser.get(f"/supervision/hours/totals.csv?period={hours_world.period}&lang=en")
    maria = by_name(read_csv(response.data))["Μαρία Παπαδοπούλου"]
    assert maria[5] == "0.00" and maria[9] == "3.00"
    assert (
        "Παλιά" in response.headers["Content-Disposition"]
        or "filename*" in (response.headers["Content-Disposition"])
    )


@pytest.mark.parametrize("role", ["one", "supervisor"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_mediators_and_supervisors_cannot_download(hours_world, sign_in, role, kind):
    browser = sign_in(getattr(hours_world, role))
    assert browser.get(f"/supervision/hours/totals.{kind}").status_code == 403
