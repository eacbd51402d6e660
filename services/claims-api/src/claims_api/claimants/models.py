from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class Claimant(SQLModel, table=True):
    __tablename__ = "claimants"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=40)
    name: str = Field(max_length=200, index=True)
    name_kana: str | None = Field(default=None, max_length=200)
    office_name: str | None = Field(default=None, max_length=200)
    registration_no: str | None = Field(default=None, max_length=20, index=True)
    postal_code: str | None = Field(default=None, max_length=8)
    address: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    reminder_consent: bool = False
    insurer_sharing_consent: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
