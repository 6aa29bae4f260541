"""The shortlist and the passing models as CSV and Excel: readable column names with units, and the
constraints, the data date, the link and the sources in the file itself.

CSV (UTF-8, comma-separated): first a few lines that start with ``# `` (what the file is, the
constraints in words, the data date and version, the link, how to read an empty cell, one line per
source), then the table with its header row. To read it, skip the leading ``# `` lines, e.g.
``read_csv_export`` here, or ``pandas.read_csv(path, skiprows=<number of leading "# " lines>)``.

Excel: a "Models" sheet (numbers are numbers, dates are dates) and an "About" sheet (constraints, data
date, link, sources with their licence and attribution).

In both, an empty cell has no number (unknown or not applicable; never a zero) and the column "Empty
cells, why" says why for each model. Text from outside (model names, notes, source text) that starts
with = + - @ (or a tab or carriage return) gets a leading ' so that no spreadsheet runs it as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass

import pandas as pd

from tradeoffs.brief.export_table import WHY_EMPTY

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EMPTY_MEANS = (
    f"An empty cell has no number (unknown, or not applicable), never a zero: the column '{WHY_EMPTY}' says "
    "why for each model."
)


@dataclass(frozen=True)
class SourceNote:
    """One data source as a file cites it."""

    name: str
    data_as_of: str  # ISO date its data vouches for ("" unknown)
    licence: str
    attribution: str
    url: str


@dataclass(frozen=True)
class About:
    """What a file says about itself besides the table."""

    title: str  # "Shortlist" | "Models passing the constraints"
    constraints: str  # in words (constraints_text.describe_constraints)
    data_as_of: str  # the date of the numbers in the file
    data_version: str
    link: str  # the view's share link
    sources: tuple[SourceNote, ...]
    rebuilt_from: str | None = None  # numbers of an older date: the data they were rebuilt from, in words


def guard(value):
    """Text that a spreadsheet would run as a formula gets a leading '; everything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def about_lines(about: About) -> list[str]:
    """The file's notes, one per line, in the order the CSV header and the About sheet give them."""
    data = f"{about.data_as_of} (data version {about.data_version})"
    if about.rebuilt_from:
        data += f", rebuilt from the price and score histories of {about.rebuilt_from}"
    lines = [
        f"LLM Tradeoff Explorer — {about.title}",
        f"Constraints: {about.constraints}",
        f"Data as of: {data}",
        f"Link: {about.link}",
        EMPTY_MEANS,
    ]
    return lines + [f"Source: {_source_text(s)}" for s in about.sources]


def _source_text(s: SourceNote) -> str:
    parts = [s.name, f"data as of {s.data_as_of or 'unknown'}", f"licence: {s.licence or 'unknown'}"]
    parts += [f"attribution: {s.attribution}"] if s.attribution else []
    return " — ".join(parts + ([s.url] if s.url else []))


# ---- CSV -------------------------------------------------------------------------------------------


def _comment(line: str) -> str:
    """One note as a "# " line: no line breaks, and each comma-separated piece guarded (a spreadsheet
    splits the line at commas)."""
    flat = re.sub(r"[\r\n\t]+", " ", line)
    return "# " + ",".join(_guard_piece(p) for p in flat.split(","))


def _guard_piece(piece: str) -> str:
    stripped = piece.lstrip()
    return piece[: len(piece) - len(stripped)] + guard(stripped) if stripped else piece


def to_csv_bytes(table: pd.DataFrame, about: About) -> bytes:
    """The CSV file: the "# " notes, then the table (numbers unquoted, dates ISO, unknown empty)."""
    head = "".join(_comment(line) + "\n" for line in about_lines(about))
    body = _guarded(table).to_csv(
        index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.10g"
    )
    return (head + body).encode("utf-8")


def read_csv_export(data: bytes) -> tuple[list[str], pd.DataFrame]:
    """(the notes without their "# ", the table) of a file written by ``to_csv_bytes``."""
    lines = data.decode("utf-8").split("\n")
    notes = []
    while lines and lines[0].startswith("# "):
        notes.append(lines.pop(0)[2:])
    return notes, pd.read_csv(io.StringIO("\n".join(lines)))


def _guarded(table: pd.DataFrame) -> pd.DataFrame:
    text = [
        c for c in table.columns if table[c].dtype == object or isinstance(table[c].dtype, pd.StringDtype)
    ]
    return table.assign(**{c: table[c].map(guard).astype(object) for c in text})


# ---- Excel -----------------------------------------------------------------------------------------


def to_xlsx_bytes(table: pd.DataFrame, about: About, number_formats: dict[str, str] | None = None) -> bytes:
    """The Excel workbook: "Models" (the table; ``number_formats`` by column label) and "About"."""
    from openpyxl import Workbook  # imported on first export only: the app starts without it

    book = Workbook(write_only=True)  # rows streamed out: a thousand models in well under a second
    _models_sheet(book.create_sheet("Models"), table, number_formats or {})
    _about_sheet(book.create_sheet("About"), about)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    """A value as openpyxl should store it: None for unknown, dates as dates, text guarded and stripped of
    the control characters a workbook cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return guard(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value.item() if hasattr(value, "item") else value  # numpy scalars as Python numbers


def _models_sheet(sheet, table: pd.DataFrame, number_formats: dict[str, str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    labels = list(table.columns)
    formats = [number_formats.get(c) or ("yyyy-mm-dd" if _is_date(table[c]) else None) for c in labels]
    for i, label in enumerate(labels, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _width(label, table[label])
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{len(table) + 1}"
    sheet.append([_styled(WriteOnlyCell(sheet, label), font=Font(bold=True)) for label in labels])
    link = labels.index("Model card") if "Model card" in labels else -1
    for row in table.itertuples(index=False):
        cells = []
        for i, (value, fmt) in enumerate(zip(row, formats, strict=True)):
            value = _cell(value)
            if i == link and isinstance(value, str) and value.lower().startswith(("https://", "http://")):
                cell = _styled(WriteOnlyCell(sheet, value), style="Hyperlink")
                cell.hyperlink = value
                value = cell
            elif fmt and value is not None:
                value = _styled(WriteOnlyCell(sheet, value), number_format=fmt)
            cells.append(value)
        sheet.append(cells)


def _styled(cell, **style):
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _is_date(values: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(values) or any(
        isinstance(v, dt.date) for v in values.head(20)
    )


def _width(label: str, values: pd.Series) -> float:
    longest = values.dropna().astype(str).str.len().max() if values.notna().any() else 0
    return float(min(max(len(label) * 0.6, longest * 1.1, 10), 60))


def _about_sheet(sheet, about: About) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    def bold(text: str):
        return _styled(WriteOnlyCell(sheet, text), font=Font(bold=True))

    for column, width in zip("ABCDE", (28, 60, 30, 60, 45), strict=True):
        sheet.column_dimensions[column].width = width
    rows = [
        ("File", f"LLM Tradeoff Explorer — {about.title}"),
        ("Constraints", about.constraints),
        ("Data as of", about.data_as_of),
        ("Data version", about.data_version),
    ]
    rows += [("Rebuilt from", about.rebuilt_from)] if about.rebuilt_from else []
    rows += [("Link", about.link), ("Empty cells", EMPTY_MEANS)]
    for label, value in rows:
        sheet.append([bold(label), _cell(value)])
    sheet.append([])
    sheet.append([bold(h) for h in ("Sources", "Data as of", "Licence", "Attribution", "Address")])
    for s in about.sources:
        sheet.append([_cell(v) for v in (s.name, s.data_as_of or None, s.licence, s.attribution, s.url)])
