from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field

from bengodan_common.db import UTCDateTime, utcnow
from notify.core.db import NotifyModel


class Event(NotifyModel, table=True):
    """A hearing event as received; the event id (from claims-api's outbox) is the primary key."""

    __tablename__ = "events"

    id: str = Field(primary_key=True, max_length=36)
    type: str = Field(max_length=40)
    hearing_id: int = Field(index=True)
    occurred_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    received_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # Set in the same transaction as the messages the event creates.
    processed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    outcome: str | None = Field(default=None, max_length=40)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    last_error: str | None = Field(default=None, max_length=1000)
