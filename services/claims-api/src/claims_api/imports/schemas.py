from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from claims_api.transfer.schemas import ImportMode, ImportReport


class ImportStatus(StrEnum):
    checking = "checking"  # waiting for or in the check (a dry run)
    checked = "checked"  # the report is ready; waiting for someone to confirm the import
    importing = "importing"  # confirmed; waiting for or in the import
    imported = "imported"
    failed = "failed"  # the file cannot be read, or the import was refused (see `problem`)
    discarded = "discarded"  # checked, then not wanted


ACTIVE = (ImportStatus.checking, ImportStatus.importing)


class ImportCounts(BaseModel):
    rows_read: int
    rows_valid: int
    rows_imported: int
    error_count: int
    duplicate_count: int


class ClaimantImportSummary(BaseModel):
    id: int
    case_id: int
    file_name: str | None
    size: int = Field(description="bytes")
    sha256: str
    mode: ImportMode = Field(description="the mode it was checked with, then the one it was imported with")
    status: ImportStatus
    waiting: bool = Field(description="checking or importing, but no worker has taken it up yet")
    progress_done: int = Field(description="rows read and validated so far (of the current step)")
    progress_total: int
    counts: ImportCounts | None = Field(description="from the report, once there is one")
    requested_by: str
    confirmed_by: str | None
    created_at: datetime
    checked_at: datetime | None
    finished_at: datetime | None


class ClaimantImportRead(ClaimantImportSummary):
    report: ImportReport | None = Field(
        description="the check's report (nothing stored yet), then the import's (with the claimants created)"
    )
    problem: dict[str, Any] | None = Field(
        description="why it failed: the problem+json the synchronous import would have answered (with `errors`)"
    )


class ImportConfirm(BaseModel):
    mode: ImportMode = Field(description="all: nothing unless every row is valid; valid_only: the valid rows")
