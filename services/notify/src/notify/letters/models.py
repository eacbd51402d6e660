from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from sqlalchemy import Column
from sqlmodel import Field

from bengodan_common.db import UTCDateTime, utcnow
from notify.core.db import NotifyModel

LetterBatchStatus = Literal["rendering", "ready", "failed", "posted"]


class LetterBatch(NotifyModel, table=True):
    """Up to 5,000 letters of one campaign in one PDF from docs-render. The letters' messages are `sending` while
    it renders and `sent` once the team records the day they were posted."""

    __tablename__ = "letter_batches"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(index=True)
    render_id: int | None = None  # the docs-render job
    status: str = Field(default="rendering", max_length=20)
    letters: int
    file_name: str | None = Field(default=None, max_length=255)
    error: str | None = Field(default=None, max_length=1000)
    posted_on: date | None = None
    posted_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
