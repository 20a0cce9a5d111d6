"""The exports module: one table, as CSV (UTF-8 with a BOM, formulas neutralised) and as XLSX
(text stays text, dates are dates, a bold header), sent with a safe download name and
`Cache-Control: private, no-store`."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
import pytest

from mediator_portal.exports import (
    csv_bytes,
    export_response,
    safe_text,
    sheet_name,
    xlsx_bytes,
)

LINK = '=HYPERLINK("http://x","y")'
HEADERS = ["Όνομα", "Δήμος", "Ημερομηνία", "Ώρα", "Ώρες"]
ROWS = [
    ["Μαρία Παπαδοπούλου", "Δήμος Αθηναίων", date(2026, 12, 3), None, Decimal("1.50")],
    [LINK, "+30 210", date(2026, 1, 2), datetime(2026, 7, 15, 10, 0, tzinfo=UTC), 2],
    ["@SUM(A1)", "-1+1", None, None, -3],
    ["\tκαρτέλα", "\rεπιστροφή", None, None, 0],
]


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_a_header_and_greek_intact():
    body = csv_bytes(HEADERS, ROWS)
    assert body[:3] == b"\xef\xbb\xbf"
    table = read_csv(body)
    assert table[0] == HEADERS
    assert table[1] == ["Μαρία Παπαδοπούλου", "Δήμος Αθηναίων", "2026-12-03", "", "1.50"]
    assert table[2][3] == "2026-07-15 13:00"  # Athens summer time


def test_csv_neutralises_cells_that_would_be_formulas():
    table = read_csv(csv_bytes(HEADERS, ROWS))
    assert table[2][0] == "'" + LINK
    assert table[2][1] == "'+30 210"
    assert table[3][:2] == ["'@SUM(A1)", "'-1+1"]
    assert table[4][:2] == ["'\tκαρτέλα", "'\rεπιστροφή"]
    assert table[3][4] == "-3"  # a number stays a number
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in table for cell in row[:2]
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("plain", "plain"), ("", ""), ("a=b", "a=b"), ("-", "'-")],
)
def test_safe_text(value, expected):
    assert safe_text(value) == expected


def open_xlsx(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body)).active


def test_xlsx_keeps_greek_text_as_text_and_dates_as_dates():
    sheet = open_xlsx(xlsx_bytes(HEADERS, ROWS, title="Παρουσίες"))
    assert sheet.title == "Παρουσίες"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert sheet["A2"].value == "Μαρία Παπαδοπούλου"
    assert sheet["C2"].value == datetime(2026, 12, 3)
    assert sheet["C2"].is_date
    assert sheet["D3"].value == datetime(2026, 7, 15, 13, 0)
    assert sheet["E2"].value == 1.5 and sheet["E4"].value == -3
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("Μαρία Παπαδοπούλου")


def test_xlsx_never_turns_text_into_a_formula():
    body = xlsx_bytes(HEADERS, ROWS)
    sheet = open_xlsx(body)
    cell = sheet["A3"]
    assert cell.value == LINK
    assert isinstance(cell.value, str) and cell.data_type == "s"
    assert sheet["A4"].value == "@SUM(A1)" and sheet["B4"].data_type == "s"
    assert sheet.cell(3, 1).hyperlink is None
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in xml and "<f " not in xml
        assert "hyperlink" not in xml.lower()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Παρουσίες", "Παρουσίες"),
        ("a/b:c*d?[e]", "a b c d  e"),
        ("", "Sheet1"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_names_are_what_excel_accepts(name, expected):
    assert sheet_name(name) == expected


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_response_is_a_private_download_with_a_greek_name(app, kind):
    with app.test_request_context():
        response = export_response(kind, "Παρουσίες/../Σεμινάριο", HEADERS, ROWS)
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert (
        f"filename=Seminario.{kind}" in disposition or f'filename="Seminario.{kind}"' in disposition
    )
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == f"Σεμινάριο.{kind}"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if kind == "csv":
        assert response.mimetype == "text/csv"
        assert read_csv(response.get_data())[1][0] == "Μαρία Παπαδοπούλου"
    else:
        assert response.mimetype.endswith("spreadsheetml.sheet")
        assert open_xlsx(response.get_data())["A2"].value == "Μαρία Παπαδοπούλου"


def test_an_unknown_format_is_refused(app):
    with app.test_request_context(), pytest.raises(ValueError):
        export_response("pdf", "x", HEADERS, ROWS)
