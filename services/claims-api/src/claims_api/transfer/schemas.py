from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field


class ImportMode(StrEnum):
    all = "all"  # nothing is imported unless every row is valid
    valid_only = "valid_only"  # the valid rows are imported, the others reported


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


class CsvEncoding(StrEnum):
    utf_8 = "utf-8"  # with a BOM, so that Excel opens it as UTF-8
    shift_jis = "shift_jis"  # CP932, as Excel writes Shift_JIS


class ImportRowError(BaseModel):
    row: int = Field(description="row number as Excel shows it; the header is row 1")
    column: str | None = Field(description="the column name (Japanese header) or 'column K'; null: the whole row")
    reason: str


class ImportedRow(BaseModel):
    row: int
    claimant_id: int
    items: int = Field(description="damage items created for the claimant")


class ImportDuplicate(BaseModel):
    """A possible duplicate, flagged on the new claimant (as a create flags it), not refused."""

    row: int
    claimant_id: int | None = Field(description="the claimant created from the row; null on a dry run")
    other_row: int | None = Field(description="an earlier row of the file it resembles")
    other_claimant_id: int | None = Field(description="a claimant already in the case it resembles")
    reasons: list[str] = Field(description="email, name_address")


class ImportReport(BaseModel):
    case_id: int
    file_name: str | None
    format: Literal["csv", "xlsx"]
    encoding: str | None = Field(description="how a CSV was read: utf-8-sig, utf-8 or cp932")
    sha256: str
    mode: ImportMode
    dry_run: bool
    rows_read: int = Field(description="non-blank rows below the header")
    rows_valid: int
    rows_imported: int
    items_imported: int
    imported: list[ImportedRow]
    error_count: int = Field(description="all errors; `errors` lists the first 1,000")
    errors: list[ImportRowError]
    duplicates: list[ImportDuplicate] = Field(description="between valid rows, and against existing claimants")
