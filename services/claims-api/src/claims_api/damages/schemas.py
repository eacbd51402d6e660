from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from claims_api.damages.compute import MAX_ITEM_AMOUNT
from claims_api.damages.heads import DamageHead, LegalBasis
from claims_api.damages.inputs import (
    FeeDifferenceInputs,
    FeeIncreaseRefundInputs,
    HeadInputs,
    OnpremCostInputs,
    OtherLossInputs,
    ReputationInputs,
    StaffCostInputs,
)


class _ItemFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    facts: str = Field(default="", max_length=10000, description="supporting facts")
    declared_amount: int | None = Field(
        default=None, ge=0, le=MAX_ITEM_AMOUNT, description="the office's own figure, kept beside the computed one"
    )
    exhibit_ids: list[int] = Field(default_factory=list, max_length=50, description="exhibits that prove the item")


class StaffCostItem(_ItemFields):
    head: Literal[DamageHead.staff_cost]
    inputs: StaffCostInputs


class OnpremCostItem(_ItemFields):
    head: Literal[DamageHead.onprem_cost]
    inputs: OnpremCostInputs


class FeeDifferenceItem(_ItemFields):
    head: Literal[DamageHead.fee_difference]
    inputs: FeeDifferenceInputs


class ReputationItem(_ItemFields):
    head: Literal[DamageHead.reputation]
    inputs: ReputationInputs = Field(default_factory=ReputationInputs)


class OtherLossItem(_ItemFields):
    head: Literal[DamageHead.other_loss]
    inputs: OtherLossInputs


class FeeIncreaseRefundItem(_ItemFields):
    head: Literal[DamageHead.fee_increase_refund]
    inputs: FeeIncreaseRefundInputs


DamageItemCreate = Annotated[
    StaffCostItem | OnpremCostItem | FeeDifferenceItem | ReputationItem | OtherLossItem | FeeIncreaseRefundItem,
    Field(discriminator="head"),
]


ClaimedFrom = Literal["vendor", "insurer"]


class DamageItemUpdate(BaseModel):
    """Only the fields sent change. New inputs are sent whole with PUT, which recomputes the amount."""

    model_config = ConfigDict(extra="forbid")

    facts: str | None = Field(default=None, max_length=10000)
    claimed_from: ClaimedFrom | None = Field(
        default=None,
        description="where the office claims this loss: `vendor` (in the filings) or `insurer` (then it drops out "
        "of the vendor claim); fixed once the insurer has paid",
    )
    declared_amount: int | None = Field(default=None, ge=0, le=MAX_ITEM_AMOUNT)
    exhibit_ids: list[int] | None = Field(default=None, max_length=50)


class ExhibitRef(BaseModel):
    id: int
    label: str  # 甲第3号証の2


class InsurerSettlementRead(BaseModel):
    """The insurer paid this item; it now pursues the vendor for it by subrogation (代位求償)."""

    paid_amount: int
    paid_on: date
    client_id: str = Field(description="the partner client that recorded the payment")
    recorded_at: datetime


class DamageItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    claimant_id: int
    head: DamageHead
    head_label: str
    legal_basis: LegalBasis
    inputs: HeadInputs | None = Field(description="null for an item entered as a bare amount before inputs existed")
    amount: int = Field(description="computed from the inputs, whole yen")
    formula: str = Field(description="計算式, one line per input line and a total")
    declared_amount: int | None = Field(description="the office's own figure")
    difference: int | None = Field(description="amount − declared_amount (negative: the office claimed more)")
    facts: str
    exhibit_slot: int
    exhibits: list[ExhibitRef]
    claimed_from: ClaimedFrom
    settlement: InsurerSettlementRead | None = Field(description="set once the insurer has paid the item")
    created_at: datetime
    updated_at: datetime


class DamageItemPreview(BaseModel):
    """What an item with these inputs would come to, without saving it."""

    head: DamageHead
    amount: int
    formula: str
    declared_amount: int | None
    difference: int | None


class HeadTotal(BaseModel):
    head: DamageHead
    label: str
    legal_basis: LegalBasis
    amount: int = Field(description="claimed from the vendor (0 for an item claimed from the insurer)")
    claimed_from: ClaimedFrom = "vendor"
    insurer_amount: int = Field(default=0, description="the item's amount when it is claimed from the insurer")
    insurer_paid: int | None = Field(default=None, description="what the insurer paid (then 代位求償)")


class SummaryInterest(BaseModel):
    """Delay damages (契約) and interest (不当利得) from the day after service up to `as_of`, both inclusive."""

    as_of: date
    start: date
    rate: Decimal
    contract: int
    unjust_enrichment: int
    total: int


class SuccessFeeEstimate(BaseModel):
    """報酬金 if the whole claim (principal) is obtained, at the case's rate; an estimate for the claimant."""

    rate: Decimal
    consumption_tax: bool
    on_amount: int
    amount: int


class ClaimantSummary(BaseModel):
    claimant_id: int
    heads: list[HeadTotal]
    contract_total: int
    unjust_enrichment_total: int
    total: int
    interest: SummaryInterest | None = None  # with `as_of`, once the complaint's service date is set
    success_fee: SuccessFeeEstimate
