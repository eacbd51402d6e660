from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from claims_api.claimants.stages import ChecklistItem, Stage


class ClaimantKind(StrEnum):
    sr_individual = "sr_individual"  # 社労士(個人)
    sr_corporation = "sr_corporation"  # 社労士法人
    sr_center = "sr_center"  # SR経営労務センター
    labour_insurance_association = "labour_insurance_association"  # 労働保険事務組合
    client_company = "client_company"  # 顧問先企業
    other = "other"


class ContractType(StrEnum):
    netde_shaloom = "netde_shaloom"  # ネットde社労夢契約
    shaloom_house = "shaloom_house"  # 社労夢ハウス利用契約
    basic_plan = "basic_plan"  # ベーシックプラン


class CustomerStatus(StrEnum):
    active = "active"
    cancelled = "cancelled"


class InsurancePlan(StrEnum):
    full = "full"
    leak_only = "leak_only"


class ClaimantBase(BaseModel):
    kind: ClaimantKind = ClaimantKind.sr_individual
    name: str = Field(min_length=1, max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    office_name: str | None = Field(default=None, max_length=200)
    representative: str | None = Field(
        default=None, max_length=200, description="代表者 of a corporation, e.g. 代表社員 山田太郎"
    )
    registration_no: str | None = Field(default=None, pattern=r"^\d{8}$", description="社労士登録番号 (8 digits)")
    postal_code: str | None = Field(default=None, pattern=r"^\d{3}-?\d{4}$")
    address: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^[0-9+\-() ]{6,30}$")
    reminder_consent: bool = False
    insurer_sharing_consent: bool = False
    contract_type: ContractType | None = Field(default=None, description="contract with the vendor; null: unknown")
    customer_status: CustomerStatus = CustomerStatus.active
    service_usable_on: date | None = Field(
        default=None, description="the day the service became usable again for this office"
    )
    insured: bool = Field(default=False, description="holds cyber insurance")
    insurance_plan: InsurancePlan | None = Field(default=None, description="required when insured, else null")
    insurer: str | None = Field(default=None, max_length=200)


class ClaimantCreate(ClaimantBase):
    case_id: int


class ClaimantUpdate(BaseModel):
    kind: ClaimantKind | None = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    office_name: str | None = Field(default=None, max_length=200)
    representative: str | None = Field(default=None, max_length=200)
    registration_no: str | None = Field(default=None, pattern=r"^\d{8}$")
    postal_code: str | None = Field(default=None, pattern=r"^\d{3}-?\d{4}$")
    address: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^[0-9+\-() ]{6,30}$")
    reminder_consent: bool | None = None
    insurer_sharing_consent: bool | None = None
    contract_type: ContractType | None = None
    customer_status: CustomerStatus | None = None
    service_usable_on: date | None = None
    insured: bool | None = None
    insurance_plan: InsurancePlan | None = None
    insurer: str | None = Field(default=None, max_length=200)


class ChecklistEntryRead(BaseModel):
    item: ChecklistItem
    label: str
    received_on: date | None
    recorded_by: str | None


class DeficiencyCreate(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)
    cure_by: date


class DeficiencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    claimant_id: int
    reason: str
    cure_by: date
    created_at: datetime
    created_by: str
    resolved_at: datetime | None
    resolved_by: str | None


class DuplicateRead(BaseModel):
    claimant_id: int
    reasons: list[str] = Field(description="registration_no, email, name_address")


class ClaimantRead(ClaimantBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    email: str | None = None  # shown as stored, not re-validated
    stage: Stage
    stage_label: str
    checklist: list[ChecklistEntryRead]
    missing_items: list[ChecklistItem]
    deficiencies: list[DeficiencyRead] = Field(description="open deficiency notes")
    duplicates: list[DuplicateRead] = Field(description="open (not dismissed) duplicate flags")
    created_at: datetime
    updated_at: datetime


class ClaimantListItem(ClaimantRead):
    contract_total: int
    unjust_enrichment_total: int
    total: int


class ClaimantFilters(BaseModel):
    """What the list shows, in which order: the query of `GET /claimants` and of `GET /claimants/ids`."""

    case_id: int | None = None
    q: str | None = Field(default=None, max_length=100, description="name, kana, office or registration number")
    stage: Stage | None = None
    kind: ClaimantKind | None = None
    missing: bool | None = Field(default=None, description="true: some checklist item is missing")
    flagged: bool | None = Field(default=None, description="true: an open duplicate flag")
    proceeding_id: int | None = Field(default=None, description="members of this proceeding")
    in_proceeding: bool | None = Field(default=None, description="true: a member of some proceeding; false: of none")
    sort: str | None = Field(
        default=None,
        max_length=20,
        description="id (default), name, kana, registration_no, stage, total or updated_at; "
        "'-' first for descending; ties by id",
    )


class ClaimantPage(BaseModel):
    items: list[ClaimantListItem]
    total: int
    limit: int
    offset: int


class ClaimantIds(BaseModel):
    ids: list[int] = Field(description="every matching claimant, in the list's order")
    total: int


class StageChangeRequest(BaseModel):
    to_stage: Stage
    note: str | None = Field(default=None, max_length=2000)


class StageChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    claimant_id: int
    from_stage: Stage | None
    to_stage: Stage
    at: datetime
    actor: str
    note: str | None


class ChecklistUpdate(BaseModel):
    received_on: date | None = Field(description="the day the item arrived; null: not received")
