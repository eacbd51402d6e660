from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class ClaimantImport(SQLModel, table=True):
    """An import the team can leave and come back to: the file is checked in the background (checking →
    checked), then, once someone confirms it, imported (importing → imported); a file that cannot be read, or
    an import refused for its errors, ends `failed`; a checked file nobody wants ends `discarded`.

    The file itself is kept only while it may still be imported; the report and the SHA-256 stay."""

    __tablename__ = "claimant_imports"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    file_name: str | None = Field(default=None, max_length=255)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    mode: str = Field(default="all", max_length=16)
    status: str = Field(default="checking", max_length=16, index=True)
    # Set while a worker has the job in hand; a job in checking/importing without it waits for a worker.
    started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # Bumped at each claim: only the worker holding the current attempt may record the outcome.
    attempt: int = 0
    progress_done: int = 0
    progress_total: int = 0
    report: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    problem: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    requested_by: str = Field(max_length=200)
    confirmed_by: str | None = Field(default=None, max_length=200)
    request_id: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    checked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
