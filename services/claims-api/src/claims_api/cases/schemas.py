from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ProceedingKind = Literal["mediation", "lawsuit"]


class CaseCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    title: str = Field(default="損害賠償等請求事件", min_length=1, max_length=200)
    defendant_name: str = Field(min_length=1, max_length=200)
    defendant_address: str = Field(default="", max_length=300)
    defendant_representative: str = Field(default="", max_length=200)
    court: str = Field(min_length=1, max_length=200)
    incident_date: date
    served_on: date | None = None
    case_number: str | None = Field(default=None, max_length=100)
    reputation_amount: int = Field(default=1_000_000, ge=0, le=100_000_000)


class CaseRead(CaseCreate):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
    updated_at: datetime


class ProceedingCreate(BaseModel):
    kind: ProceedingKind
    name: str = Field(min_length=1, max_length=100)
    court: str = Field(min_length=1, max_length=200)
    case_number: str | None = Field(default=None, max_length=100)
    filed_on: date | None = None
    status: Literal["preparing", "filed", "pending", "failed", "settled", "closed"] = "preparing"


class ProceedingRead(ProceedingCreate):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    member_count: int = 0


class MemberAdd(BaseModel):
    claimant_id: int
    number: int | None = Field(default=None, ge=1, description="petitioner/plaintiff number; next free if omitted")


class MemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    proceeding_id: int
    claimant_id: int
    number: int


class Recipient(BaseModel):
    claimant_id: int
    name: str
    email: str | None
    reminder_consent: bool
