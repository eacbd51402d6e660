from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import Column, UniqueConstraint
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
    representative: str | None = Field(default=None, max_length=200)  # 代表者 of a corporation
    registration_no: str | None = Field(default=None, max_length=20, index=True)
    postal_code: str | None = Field(default=None, max_length=8)
    address: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    reminder_consent: bool = False
    insurer_sharing_consent: bool = False
    contract_type: str | None = Field(default=None, max_length=30)
    customer_status: str = Field(default="active", max_length=20, sa_column_kwargs={"server_default": "active"})
    service_usable_on: date | None = None
    insured: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    insurance_plan: str | None = Field(default=None, max_length=20)
    insurer: str | None = Field(default=None, max_length=200)
    stage: str = Field(default="intake", max_length=30, index=True, sa_column_kwargs={"server_default": "intake"})
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ClaimantStageChange(SQLModel, table=True):
    """One move of a claimant's stage; the claimant's history, oldest first by id."""

    __tablename__ = "claimant_stage_changes"

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    from_stage: str | None = Field(default=None, max_length=30)
    to_stage: str = Field(max_length=30)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    actor: str = Field(max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class ClaimantChecklistEntry(SQLModel, table=True):
    """An intake checklist item of a claimant as last recorded; no row means not received."""

    __tablename__ = "claimant_checklist"
    __table_args__ = (UniqueConstraint("claimant_id", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    item: str = Field(max_length=40)
    received_on: date | None = None
    recorded_by: str = Field(max_length=200)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ClaimantDeficiency(SQLModel, table=True):
    """A deficiency note (不備): what is wrong and by when it must be cured."""

    __tablename__ = "claimant_deficiencies"

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    reason: str = Field(max_length=2000)
    cure_by: date
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    created_by: str = Field(max_length=200)
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    resolved_by: str | None = Field(default=None, max_length=200)


class ClaimantDuplicateFlag(SQLModel, table=True):
    """A possible duplicate found when `claimant_id` was created: it resembles `other_id`.

    `reasons` is a comma-separated sorted list of `registration_no`, `email`, `name_address`."""

    __tablename__ = "claimant_duplicate_flags"
    __table_args__ = (UniqueConstraint("claimant_id", "other_id"),)

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    other_id: int = Field(foreign_key="claimants.id", index=True)
    reasons: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    dismissed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    dismissed_by: str | None = Field(default=None, max_length=200)
