from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class OutboxEvent(SQLModel, table=True):
    """An event written in the same transaction as the change it reports; the relay delivers it."""

    __tablename__ = "outbox_events"

    id: int | None = Field(default=None, primary_key=True)  # delivery order
    event_id: str = Field(max_length=36, unique=True)
    type: str = Field(max_length=60)
    destination: str = Field(max_length=30)
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    last_error: str | None = Field(default=None, max_length=1000)
