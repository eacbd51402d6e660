from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    """Append-only: the service layer only ever inserts."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor: str = Field(max_length=100)
    action: str = Field(max_length=60)
    entity: str = Field(max_length=40)
    entity_id: str | None = Field(default=None, max_length=60)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    request_id: str | None = Field(default=None, max_length=128)
