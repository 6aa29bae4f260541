"""An uploaded file's bytes as rows of text (CSV in UTF-8, or the first sheet of an Excel workbook)."""

from __future__ import annotations

import csv
import io
import zipfile

MAX_BYTES = 1_000_000  # 1 MB: thousands of rows of the template; more is not a session's own data
MAX_ROWS = 500
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip


class FormatError(ValueError):
    """The file as a whole cannot be read: too large, too many rows, not CSV/Excel, not UTF-8, no header."""


def check_size(size_bytes: int) -> None:
    """Raise FormatError when a file of ``size_bytes`` is over the limit."""
    if size_bytes > MAX_BYTES:
        raise FormatError(f"the file is {size_bytes / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")


def read_rows(data: bytes, filename: str = "") -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(line, {column: text})]) of a CSV or .xlsx file; blank rows skipped; raises FormatError."""
    check_size(len(data))
    if not data.strip():
        raise FormatError("the file is empty")
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        table = _xlsx_table(data)
    else:
        table = _csv_table(data)
    header = [h.strip() for h in table[0]] if table else []
    if "kind" not in header:
        raise FormatError("no 'kind' column in the first row: use the template (kind, name, …)")
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise FormatError(f"more than {MAX_ROWS} rows; the limit is {MAX_ROWS}")
        rows.append(
            (line, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h})
        )
    return header, rows


def _csv_table(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise FormatError("this is not a text file: upload a CSV (UTF-8) or an Excel .xlsx file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"the file is not UTF-8 text (byte {exc.start + 1}): save it as 'CSV UTF-8' or upload the .xlsx"
        ) from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise FormatError(f"the CSV cannot be read: {exc}") from None


def _xlsx_table(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FormatError(f"the Excel file cannot be read ({type(exc).__name__})") from None
    sheet = book.worksheets[0]
    table, filled = [], 0
    for row in sheet.iter_rows(values_only=True):
        table.append(["" if v is None else str(v) for v in row])
        filled += any(table[-1])
        if filled > MAX_ROWS + 1:  # read_rows says so; no need to read a huge sheet to the end
            break
    book.close()
    return table
