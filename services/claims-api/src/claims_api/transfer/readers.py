"""Reading an uploaded claimant file (CSV or XLSX) into a header and rows of cells, within limits.

The format is told by the content, not the name: XLSX is a ZIP. CSV is decoded as UTF-8 when it has a BOM,
else as strict UTF-8, else as CP932 (Shift_JIS as Excel writes it); anything else is refused, never guessed.
Row numbers are the ones Excel shows: the header is row 1. Blank rows are skipped (Excel leaves them).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Literal

from fastapi import UploadFile

from bengodan_common.errors import Invalid
from claims_api.transfer.values import Cell

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XLSX_SCANNED_ROWS = 200_000  # rows of the sheet's XML, blank formatted ones included
DATA_SHEET = "原告一覧"  # the template's sheet; else the first sheet is read

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS = "save it from Excel as 'CSV UTF-8 (コンマ区切り)', 'CSV (コンマ区切り)' or 'Excel ブック (*.xlsx)'"


def read_upload(file: UploadFile) -> bytes:
    """The uploaded file's bytes, refused (422 naming `file`) beyond the size limit."""
    content = file.file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise Invalid("file", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into several files")
    return content


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is the reason."""


@dataclass
class Table:
    format: Literal["csv", "xlsx"]
    encoding: str | None  # utf-8-sig, utf-8 or cp932 for CSV
    header: list[Cell]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number as Excel shows it, cells)


def read_table(content: bytes) -> Table:
    if len(content) > MAX_BYTES:
        raise FileProblem(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into several files")
    if not content.strip():
        raise FileProblem("the file is empty")
    if content.startswith(b"PK\x03\x04"):
        return _read_xlsx(content)
    if content.startswith(_OLE_MAGIC):
        raise FileProblem(f"Excel 97-2003 (.xls) files are not supported; {_SAVE_AS}")
    return _read_csv(content)


def decode(content: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if content.startswith(codecs.BOM_UTF8):
        try:
            return content.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FileProblem(f"the file starts with a UTF-8 BOM but byte {exc.start} is not UTF-8") from exc
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(f"UTF-16 text ('Unicode テキスト') is not supported; {_SAVE_AS}")
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"the file is neither UTF-8 nor Shift_JIS (CP932) text (byte {exc.start} cannot be read); {_SAVE_AS}"
        ) from exc


def _blank(cells: list[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _too_many_rows() -> FileProblem:
    return FileProblem(f"the file has more than {MAX_ROWS:,} claimant rows; split it into several files")


def _read_csv(content: bytes) -> Table:
    text, encoding = decode(content)
    if "\x00" in text:
        raise FileProblem(f"the file contains NUL characters and is not CSV text; {_SAVE_AS}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    rows: list[tuple[int, list[Cell]]] = []
    header: list[Cell] | None = None
    try:
        for index, record in enumerate(reader, start=1):
            cells: list[Cell] = list(record)
            if index == 1:
                header = cells
                continue
            if _blank(cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append((index, cells))
    except csv.Error as exc:
        raise FileProblem(f"the CSV cannot be read near line {reader.line_num}: {exc}") from exc
    if header is None or _blank(header):
        raise FileProblem("row 1 must hold the column names of the template")
    return Table(format="csv", encoding=encoding, header=header, rows=rows)


def _read_xlsx(content: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
                raise FileProblem("the workbook is too large once unpacked; split it into several files")
    except zipfile.BadZipFile as exc:
        raise FileProblem(f"the file is not a readable XLSX workbook; {_SAVE_AS}") from exc

    from openpyxl import load_workbook  # imported here: only imports need it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign ZIP
        raise FileProblem(f"the file is not a readable XLSX workbook; {_SAVE_AS}") from exc
    try:
        sheet = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        rows: list[tuple[int, list[Cell]]] = []
        header: list[Cell] | None = None
        for index, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if index > MAX_XLSX_SCANNED_ROWS:
                raise FileProblem(
                    f"the sheet has more than {MAX_XLSX_SCANNED_ROWS:,} rows (blank formatted rows included); "
                    "delete the unused rows below the data"
                )
            cells: list[Cell] = list(values[: MAX_COLUMNS + 1]) if values else []
            if index == 1:
                header = cells
                continue
            if _blank(cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append((index, cells))
    finally:
        workbook.close()
    if header is None or _blank(header):
        raise FileProblem(f"row 1 of sheet '{sheet.title}' must hold the column names of the template")
    return Table(format="xlsx", encoding=None, header=header, rows=rows)
