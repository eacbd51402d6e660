from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ProceedingKind = Literal["mediation", "lawsuit"]
ProceedingStatus = Literal["preparing", "filed", "pending", "failed", "settled", "closed"]


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
    success_fee_rate: Decimal = Field(
        default=Decimal("0.10"),
        ge=0,
        le=1,
        decimal_places=4,
        description="success fee (報酬金) as a fraction of the money obtained: 0.10 = 10%; at most 4 decimal places",
    )
    success_fee_consumption_tax: bool = Field(
        default=False, description="true: consumption tax (10%) is added to the success fee estimate"
    )


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
    status: ProceedingStatus = "preparing"


class ProceedingRead(ProceedingCreate):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    member_count: int = 0


class ProceedingUpdate(BaseModel):
    """The fields to change; `case_number` and `filed_on` may be set to null, the others may not."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    court: str | None = Field(default=None, min_length=1, max_length=200)
    case_number: str | None = Field(default=None, max_length=100)
    filed_on: date | None = None
    status: ProceedingStatus | None = None

    @field_validator("name", "court", "status")
    @classmethod
    def _not_null(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("may be left out but not set to null")
        return value


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
