from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from claims_api.damages.heads import DamageHead, LegalBasis

# No single head of one office comes near this; a larger figure is a typing error.
MAX_ITEM_AMOUNT = 1_000_000_000


class DamageItemCreate(BaseModel):
    head: DamageHead
    amount: int = Field(ge=0, le=MAX_ITEM_AMOUNT, description="whole yen")
    formula: str = Field(default="", max_length=2000, description="計算式")
    facts: str = Field(default="", max_length=10000, description="supporting facts")


class DamageItemUpdate(BaseModel):
    amount: int | None = Field(default=None, ge=0, le=MAX_ITEM_AMOUNT)
    formula: str | None = Field(default=None, max_length=2000)
    facts: str | None = Field(default=None, max_length=10000)


class DamageItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    claimant_id: int
    head: DamageHead
    head_label: str
    legal_basis: LegalBasis
    amount: int
    formula: str
    facts: str
    exhibit_slot: int
    created_at: datetime
    updated_at: datetime


class HeadTotal(BaseModel):
    head: DamageHead
    label: str
    legal_basis: LegalBasis
    amount: int


class SummaryInterest(BaseModel):
    """Delay damages (契約) and interest (不当利得) from the day after service up to `as_of`, both inclusive."""

    as_of: date
    start: date
    rate: Decimal
    contract: int
    unjust_enrichment: int
    total: int


class ClaimantSummary(BaseModel):
    claimant_id: int
    heads: list[HeadTotal]
    contract_total: int
    unjust_enrichment_total: int
    total: int
    interest: SummaryInterest | None = None  # with `as_of`, once the complaint's service date is set
