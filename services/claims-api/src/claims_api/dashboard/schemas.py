"""The dashboard: the figures the team looks at first, for one case."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from claims_api.claimants.stages import Stage
from claims_api.damages.heads import DamageHead, LegalBasis
from claims_api.hearings.schemas import HearingKind
from claims_api.legal import FeeKind


class StageCount(BaseModel):
    stage: Stage
    label: str  # 受付, 損害一覧受領, …
    count: int


class ClaimantsByStage(BaseModel):
    """Claimants in every stage, in stage order (stages nobody is in are listed with 0)."""

    total: int
    stages: list[StageCount]


class ProceedingFigures(BaseModel):
    """A proceeding: its claimants by stage, the vendor claim split by legal basis, 訴額 and 貼用印紙額."""

    proceeding_id: int
    name: str
    kind: str  # mediation | lawsuit
    court: str
    case_number: str | None
    filed_on: date | None
    status: str
    claimants: ClaimantsByStage
    contract_damages: int  # 契約に定める損害賠償請求権に基づく請求
    unjust_enrichment: int  # 不当利得返還請求権に基づく請求
    claim_value: int  # 訴額 (the filing-fee endpoint's)
    fee_kind: FeeKind
    filing_fee: int  # 貼用印紙額 (the filing-fee endpoint's)


class DashboardHeadTotal(BaseModel):
    """One damage head: what is claimed from the vendor, and what the offices claim from their insurers instead."""

    head: DamageHead
    label: str
    legal_basis: LegalBasis
    vendor_amount: int
    vendor_items: int
    insurer_amount: int
    insurer_items: int


class BasisTotal(BaseModel):
    legal_basis: LegalBasis
    label: str
    amount: int  # claimed from the vendor


class DamageTotals(BaseModel):
    """The damage items of the case's claimants by head and by legal basis. The vendor claim leaves out the items
    claimed from an insurer; those are reported separately (`insurer_total`)."""

    heads: list[DashboardHeadTotal]
    legal_bases: list[BasisTotal]
    vendor_total: int
    insurer_total: int


class UpcomingHearing(BaseModel):
    hearing_id: int
    proceeding_id: int
    proceeding_name: str
    kind: HearingKind
    kind_label: str  # 調停期日, 口頭弁論期日, 弁論準備手続期日, 提出期限
    starts_at: datetime
    place: str
    online_url: str | None


class Attention(BaseModel):
    """Claimants that need work: a checklist item missing, an open deficiency note (and how many of those are past
    their cure date), an open duplicate flag."""

    missing_items: int
    open_deficiencies: int
    overdue_deficiencies: int
    duplicate_flags: int


class Dashboard(BaseModel):
    case_id: int
    case_name: str
    today: date = Field(description="the day in Japan the figures were made")
    claimants: ClaimantsByStage
    proceedings: list[ProceedingFigures]
    not_in_proceeding: ClaimantsByStage = Field(description="claimants in no proceeding of the case")
    damages: DamageTotals
    hearings: list[UpcomingHearing] = Field(description="scheduled hearings from now on, earliest first")
    attention: Attention
