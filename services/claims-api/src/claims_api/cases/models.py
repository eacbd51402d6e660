from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import BigInteger, CheckConstraint, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class Case(SQLModel, table=True):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint("success_fee_rate_bp >= 0 AND success_fee_rate_bp <= 10000", name="success_fee_rate_bp"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    title: str = Field(max_length=200)  # 事件名, e.g. 損害賠償等請求事件
    defendant_name: str = Field(max_length=200)
    defendant_address: str = Field(default="", max_length=300)
    defendant_representative: str = Field(default="", max_length=200)
    court: str = Field(max_length=200)
    incident_date: date
    served_on: date | None = None  # 訴状送達日
    case_number: str | None = Field(default=None, max_length=100)
    reputation_amount: int = Field(default=1_000_000, sa_column=Column(BigInteger, nullable=False))
    # Success fee (報酬金) settings for the estimate: the rate in basis points (1000 = 10%), an integer so that
    # it is stored exactly on every backend; the API speaks of it as the decimal `success_fee_rate`.
    success_fee_rate_bp: int = Field(default=1000, sa_column_kwargs={"server_default": "1000"})
    success_fee_consumption_tax: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Proceeding(SQLModel, table=True):
    __tablename__ = "proceedings"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=20)  # mediation | lawsuit
    name: str = Field(max_length=100)
    court: str = Field(max_length=200)
    case_number: str | None = Field(default=None, max_length=100)
    filed_on: date | None = None
    status: str = Field(default="preparing", max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ProceedingMember(SQLModel, table=True):
    """A claimant taking part in a proceeding, with its petitioner/plaintiff number there."""

    __tablename__ = "proceeding_members"
    __table_args__ = (
        UniqueConstraint("proceeding_id", "claimant_id"),
        UniqueConstraint("proceeding_id", "number", name="uq_proceeding_members_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proceeding_id: int = Field(foreign_key="proceedings.id", index=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    number: int
