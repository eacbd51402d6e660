from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class RenderJob(SQLModel, table=True):
    """One requested filing: queued → running → succeeded | failed; the file lives in S3 under `s3_key`."""

    __tablename__ = "render_jobs"
    __table_args__ = (
        UniqueConstraint("requested_by", "idempotency_key", name="uq_render_jobs_requested_by_idempotency_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document: str = Field(max_length=40)
    format: str = Field(max_length=8)
    case_id: int
    proceeding_id: int | None = None
    claimant_id: int | None = None
    complaint_form: str | None = Field(default=None, max_length=12)  # paragraphs | table (別表), for a complaint
    # What a breach notice or public notice says (RenderCreate.notice as JSON): the content is the request's, not
    # claims-api's. Holds the recipients' names and addresses, so it is kept only until the job ends (the PDF is
    # the record); its digest stays, for a replay of the request's Idempotency-Key. The read endpoints never load it.
    notice: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    notice_sha256: str | None = Field(default=None, max_length=64)
    status: str = Field(default="queued", max_length=16, index=True)
    progress_done: int = 0
    progress_total: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    s3_key: str | None = Field(default=None, max_length=512)
    filename: str | None = Field(default=None, max_length=200)  # the download's name, e.g. 訴状.pdf
    size: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    sha256: str | None = Field(default=None, max_length=64)
    requested_by: str = Field(max_length=200)
    idempotency_key: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
