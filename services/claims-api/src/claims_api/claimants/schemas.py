from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class ClaimantKind(StrEnum):
    sr_individual = "sr_individual"  # 社労士(個人)
    sr_corporation = "sr_corporation"  # 社労士法人
    sr_center = "sr_center"  # SR経営労務センター
    labour_insurance_association = "labour_insurance_association"  # 労働保険事務組合
    client_company = "client_company"  # 顧問先企業
    other = "other"


class ClaimantBase(BaseModel):
    kind: ClaimantKind = ClaimantKind.sr_individual
    name: str = Field(min_length=1, max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    office_name: str | None = Field(default=None, max_length=200)
    registration_no: str | None = Field(default=None, pattern=r"^\d{8}$", description="社労士登録番号 (8 digits)")
    postal_code: str | None = Field(default=None, pattern=r"^\d{3}-?\d{4}$")
    address: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^[0-9+\-() ]{6,30}$")
    reminder_consent: bool = False
    insurer_sharing_consent: bool = False


class ClaimantCreate(ClaimantBase):
    case_id: int


class ClaimantUpdate(BaseModel):
    kind: ClaimantKind | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    office_name: str | None = Field(default=None, max_length=200)
    registration_no: str | None = Field(default=None, pattern=r"^\d{8}$")
    postal_code: str | None = Field(default=None, pattern=r"^\d{3}-?\d{4}$")
    address: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^[0-9+\-() ]{6,30}$")
    reminder_consent: bool | None = None
    insurer_sharing_consent: bool | None = None


class ClaimantRead(ClaimantBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    email: str | None = None  # shown as stored, not re-validated
    created_at: datetime
    updated_at: datetime


class ClaimantListItem(ClaimantRead):
    contract_total: int
    unjust_enrichment_total: int
    total: int


class ClaimantPage(BaseModel):
    items: list[ClaimantListItem]
    total: int
    limit: int
    offset: int
