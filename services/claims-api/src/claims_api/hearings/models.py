from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class Hearing(SQLModel, table=True):
    __tablename__ = "hearings"

    id: int | None = Field(default=None, primary_key=True)
    proceeding_id: int = Field(foreign_key="proceedings.id", index=True)
    kind: str = Field(max_length=30)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    place: str = Field(max_length=300)
    online_url: str | None = Field(default=None, max_length=500)
    note: str = Field(default="", max_length=2000)
    status: str = Field(default="scheduled", max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
