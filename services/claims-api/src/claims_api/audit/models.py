from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    """Append-only and hash-chained: the service layer only ever inserts (see `audit.chain`).

    `prev_hash` is the `hash` of the entry before it in id order (64 zeros for the first); UNIQUE, so two
    entries can never follow the same one (a fork). On PostgreSQL a trigger refuses UPDATE and DELETE.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor: str = Field(max_length=100, index=True)
    action: str = Field(max_length=60)
    entity: str = Field(max_length=40)
    entity_id: str | None = Field(default=None, max_length=60)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    request_id: str | None = Field(default=None, max_length=128)
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    hash: str = Field(sa_column=Column(String(64), nullable=False))
