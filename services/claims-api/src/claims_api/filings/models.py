from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class CaseFilingSettings(SQLModel, table=True):
    """What the filings of a case print besides its records: the counsel's office (the 送達場所 of the 当事者目録)
    and the case-level texts, stored verbatim (docs-render fills their placeholders). One row per case."""

    __tablename__ = "case_filing_settings"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", unique=True)
    office_name: str = Field(default="", max_length=200)
    office_postal_code: str = Field(default="", max_length=8)
    office_address: str = Field(default="", max_length=300)
    office_phone: str = Field(default="", max_length=30)
    office_fax: str = Field(default="", max_length=30)
    complaint_cause: str = Field(default="", sa_column=Column(Text, nullable=False))  # 請求の原因
    related_facts: str = Field(default="", sa_column=Column(Text, nullable=False))  # 第3 関連事実
    mediation_dispute: str = Field(default="", sa_column=Column(Text, nullable=False))  # 紛争の要点
    mediation_resolution_items: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class CaseCounsel(SQLModel, table=True):
    """A lawyer who signs the filings of a case (訴訟代理人), in signing order by `position` (0 first)."""

    __tablename__ = "case_counsel"
    __table_args__ = (UniqueConstraint("case_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    position: int
    name: str = Field(max_length=100)
    title: str = Field(default="弁護士", max_length=50)
