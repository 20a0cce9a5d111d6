"""Tables for download: the same (headers, rows) as CSV or as an XLSX workbook.

Used by training (attendance sheets, training records), and next by supervision and
activity reporting. A cell is text, a number, a date or a datetime (shown in Athens time),
or None (an empty cell).

* CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the Greek right), every
  cell quoted, a header row. A text cell starting with `=`, `+`, `-`, `@`, a tab or a
  carriage return is prefixed with `'` (OWASP, "CSV Injection"), so a name such as
  `=HYPERLINK(...)` is shown as text, never run as a formula.
* XLSX (XlsxWriter): formulas and links are never made from text (`strings_to_formulas`,
  `strings_to_urls` off), the header row is bold and frozen, columns are as wide as their
  content (within limits), dates and datetimes are real dates.
* `export_response` sends either with an RFC 6266 download name (Greek kept in `filename*`,
  an ASCII fallback), `Cache-Control: private, no-store` (exports hold personal data) and
  the headers that keep the file from acting as a page of the site.
"""

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

import xlsxwriter
from flask import Response

from mediator_portal.file_names import ascii_name, clean_name
from mediator_portal.timezones import to_local

Cell = str | int | float | Decimal | date | datetime | None
FORMATS = ("csv", "xlsx")
MIME_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 6, 60
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")


def safe_text(value: str) -> str:
    """`value` as a CSV cell that no spreadsheet program reads as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _local(moment: datetime) -> datetime:
    """A datetime as Athens wall time without its zone (what a spreadsheet shows)."""
    return to_local(moment).replace(tzinfo=None) if moment.tzinfo else moment


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float | Decimal):
        return str(value)
    return safe_text(str(value))


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """The table as CSV: UTF-8 with a BOM, every cell quoted, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([_csv_cell(str(header)) for header in headers])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _width(value: Cell) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def sheet_name(name: str) -> str:
    """`name` as a worksheet name: no `[]:*?/\\`, at most 31 characters, never empty."""
    cleaned = "".join(" " if c in SHEET_NAME_FORBIDDEN else c for c in name).strip(" '")
    return cleaned[:SHEET_NAME_MAX].strip() or "Sheet1"


def xlsx_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]], title: str = "") -> bytes:
    """The table as an XLSX workbook of one sheet named after `title`: text stays text."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    sheet = workbook.add_worksheet(sheet_name(title))
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    widths = [_width(str(header)) for header in headers]
    for column, header in enumerate(headers):
        sheet.write_string(0, column, str(header), bold)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                sheet.write_blank(number, column, None)
            elif isinstance(value, datetime):
                sheet.write_datetime(number, column, _local(value), moment)
            elif isinstance(value, date):
                sheet.write_datetime(number, column, value, day)
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                sheet.write_number(number, column, float(value))
            else:
                sheet.write_string(number, column, str(value))
            if column < len(widths):
                widths[column] = max(widths[column], _width(value))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def content_disposition(name: str) -> dict[str, str]:
    """The parameters of `Content-Disposition: attachment` for `name` (RFC 6266)."""
    names = {"filename": ascii_name(name)}
    if names["filename"] != name:
        names["filename*"] = "UTF-8''" + quote(name, safe="!#$&+-.^_`|~")
    return names


def export_response(
    kind: str, name: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> Response:
    """The table as a download of `kind` ("csv" or "xlsx") named `name` plus the extension;
    the sheet of an XLSX is named after `name`. Raises ValueError for another kind."""
    if kind not in FORMATS:
        raise ValueError(f"unknown export format {kind!r}")
    stem = clean_name(name, fallback="export")
    body = csv_bytes(headers, rows) if kind == "csv" else xlsx_bytes(headers, rows, stem)
    response = Response(body, mimetype=MIME_TYPES[kind])
    response.headers.set(
        "Content-Disposition", "attachment", **content_disposition(f"{stem}.{kind}")
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    return response
