"""Tables to CSV (UTF-8 with BOM, or CP932) and XLSX bytes, as a Japanese law office opens them in Excel.

Amounts are integers (XLSX: with a thousands separator), dates are dates. Text that Excel would run as a
formula (`=…`, `@…`, `+…`/`-…` that is not a number or phone number) is kept as text: in XLSX by its cell type,
in CSV by a leading apostrophe (OWASP's advice for CSV injection). A character CP932 cannot hold is refused
with the row and column, never replaced.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from claims_api.transfer.schemas import CsvEncoding

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv"
AMOUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy/mm/dd"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_TOTAL_FONT = Font(bold=True)
_TOTAL_BORDER = Border(top=Side(style="double"))
_SAFE_SIGNED = re.compile(r"^[+\-][0-9 ()\-+.]*$")  # a phone number or a signed number: not a formula


class CellKind(StrEnum):
    text = "text"
    amount = "amount"  # whole yen
    number = "number"
    date = "date"


@dataclass
class Sheet:
    title: str
    headers: list[str]
    kinds: list[CellKind]
    widths: list[int]
    rows: list[list[Any]] = field(default_factory=list)
    total: list[Any] | None = None  # a totals row, bold, below a double line


@dataclass(frozen=True)
class Unencodable:
    row: int  # as Excel shows it: the header is row 1
    column: str
    reason: str


class EncodingProblem(Exception):
    def __init__(self, problems: list[Unencodable]) -> None:
        super().__init__(f"{len(problems)} cell(s) cannot be written in Shift_JIS")
        self.problems = problems


# --- CSV -------------------------------------------------------------------------------------------------


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not _SAFE_SIGNED.match(text)):
        return "'" + text
    return text


def write_csv(sheet: Sheet, encoding: CsvEncoding = CsvEncoding.utf_8) -> bytes:
    """UTF-8 with a BOM (Excel then reads it as UTF-8) or CP932; CRLF line ends as Excel writes them."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = [sheet.headers, *sheet.rows, *([sheet.total] if sheet.total else [])]
    problems: list[Unencodable] = []
    for number, row in enumerate(lines, start=1):
        cells = [_csv_text(v) for v in row]
        if encoding is CsvEncoding.shift_jis:
            problems.extend(_unencodable(number, sheet.headers, cells))
        writer.writerow(cells)
    if problems:
        raise EncodingProblem(problems)
    if encoding is CsvEncoding.shift_jis:
        return buffer.getvalue().encode("cp932")
    return buffer.getvalue().encode("utf-8-sig")


def _unencodable(number: int, headers: Sequence[str], cells: Sequence[str]) -> list[Unencodable]:
    problems = []
    for header, cell in zip(headers, cells, strict=False):
        try:
            cell.encode("cp932")
        except UnicodeEncodeError as exc:
            bad = cell[exc.start : exc.end]
            codes = " ".join(f"U+{ord(ch):04X}" for ch in bad)
            problems.append(
                Unencodable(
                    number,
                    header,
                    f"{bad!r} ({codes}) cannot be written in Shift_JIS (CP932); export as UTF-8 or change the text",
                )
            )
    return problems


# --- XLSX ------------------------------------------------------------------------------------------------


def _cell(ws: Worksheet, value: Any, kind: CellKind) -> Cell:
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell
    cell = WriteOnlyCell(ws, value=value)
    if kind is CellKind.amount and isinstance(value, int):
        cell.number_format = AMOUNT_FORMAT
    elif kind is CellKind.date and isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _xlsx_value(ws: Worksheet, value: Any, kind: CellKind) -> Any:
    """A plain value where no style or type is needed (faster), else a cell."""
    if value is None or (kind in (CellKind.number, CellKind.text) and isinstance(value, int | float)):
        return value
    return _cell(ws, value, kind)


def _styled(ws: Worksheet, value: Any, kind: CellKind, *, font: Font, fill: PatternFill | None = None) -> Cell:
    cell = _cell(ws, value, kind)
    cell.font = font
    if fill is not None:
        cell.fill = fill
        cell.alignment = _HEADER_ALIGNMENT
    return cell


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        ws.freeze_panes = "A2"
        for index, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.append([_styled(ws, h, CellKind.text, font=_HEADER_FONT, fill=_HEADER_FILL) for h in sheet.headers])
        for row in sheet.rows:
            ws.append([_xlsx_value(ws, v, k) for v, k in zip(row, sheet.kinds, strict=False)])
        if sheet.total:
            cells = []
            for value, kind in zip(sheet.total, sheet.kinds, strict=False):
                cell = _styled(ws, value, kind, font=_TOTAL_FONT)
                cell.border = _TOTAL_BORDER
                cells.append(cell)
            ws.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_template_xlsx(
    data_title: str,
    headers: list[str],
    widths: list[int],
    text_columns: list[int],
    choices: dict[int, list[str]],
    notes: Sheet,
) -> bytes:
    """The empty import sheet (styled header, widths, text-formatted code columns, drop-downs for the
    enumerations) and a notes sheet with each column's meaning and allowed values."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = data_title
    ws.append(headers)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 45
    for index, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
        ws.column_dimensions[get_column_letter(index)].width = width
    for index in text_columns:  # registration numbers, postal codes, phones keep their leading zeros
        ws.column_dimensions[get_column_letter(index)].number_format = "@"
    for index, labels in choices.items():
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True, showErrorMessage=False
        )
        validation.add(f"{letter}2:{letter}{2 + 20_000}")
        ws.add_data_validation(validation)
    notes_ws = workbook.create_sheet(notes.title)
    notes_ws.append(notes.headers)
    for index, width in enumerate(notes.widths, start=1):
        cell = notes_ws.cell(row=1, column=index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        notes_ws.column_dimensions[get_column_letter(index)].width = width
    for row in notes.rows:
        notes_ws.append(row)
    for line in notes_ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def content_disposition(file_name: str, fallback: str) -> str:
    """attachment with an ASCII fallback and the Japanese name as RFC 5987 `filename*`."""
    safe = re.sub(r'[\\/:*?"<>|\r\n]+', "_", file_name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(safe, safe='')}"
