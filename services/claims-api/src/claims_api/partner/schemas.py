"""What the insurer sees of a claim: only these fields, each declared here (nothing is copied from a model).

`extra="forbid"` everywhere, so a field added to a response must be added here on purpose; the partner tests
compare the keys of real responses with a fixed list.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claims_api.damages.heads import DamageHead, LegalBasis
from claims_api.partner.coverage import Classification

# The parts of a claim the `fields` parameter selects; `id` and `updated_at` always come.
CLAIM_PARTS = ("claimant", "policy", "stage", "damage_items", "exhibits", "totals")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartnerClaimant(_Out):
    """Who claims: the office as it appears in the filings."""

    kind: str = Field(description="sr_individual 社労士 | sr_corporation 社労士法人 | … (as in the filings)")
    name: str
    name_kana: str | None
    office_name: str | None
    representative: str | None = Field(description="代表者 of a corporation")
    registration_no: str | None = Field(description="社労士 registration number")


class PartnerPolicy(_Out):
    insurer: str
    plan: Literal["full", "leak_only"] | None = Field(
        description="`full` サイバーリスク保険, `leak_only` 情報漏えい限定補償プラン; null when the office has not said"
    )


class PartnerStage(_Out):
    code: str
    label: str


class CoverageLine(_Out):
    index: int = Field(description="position of the line in the item's inputs (0-based)")
    classification: Classification
    reason: str
    amount: int


class EvidenceCheck(_Out):
    kind: str
    label: str
    present: bool
    exhibits: list[str] = Field(description="labels of the exhibits with a file that show it")


class Coverage(_Out):
    """What the insurer's Q&A implies for this item; the insurer decides."""

    classification: Classification
    reason: str
    covered_amount: int
    not_covered_amount: int
    review_amount: int
    lines: list[CoverageLine]
    evidence: list[EvidenceCheck] = Field(description="what the insurer needs to see, present or missing")


class Settlement(_Out):
    paid_amount: int
    paid_on: date
    recorded_at: datetime
    subrogation: Literal[True] = Field(
        default=True, description="the insurer holds the claim against the vendor for this item (代位求償)"
    )


class PartnerDamageItem(_Out):
    id: int
    head: DamageHead
    head_label: str
    legal_basis: LegalBasis
    amount: int = Field(description="whole yen, computed from the office's inputs")
    formula: str = Field(description="計算式 as the filings print it")
    period_from: date | None = Field(description="earliest date named in the item's inputs")
    period_to: date | None = Field(description="latest date named in the item's inputs")
    claimed_from: Literal["vendor", "insurer"] = Field(
        description="`insurer`: claimed from you and left out of the vendor claim; `vendor`: in the lawsuit"
    )
    settlement: Settlement | None
    coverage: Coverage
    exhibits: list[str] = Field(description="labels of the exhibits linked to the item")
    updated_at: datetime


class ExhibitFile(_Out):
    version: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    download_url: str = Field(description="presigned GET; valid until download_expires_at")
    download_expires_at: datetime


class PartnerExhibit(_Out):
    id: int
    label: str = Field(description="甲第N号証のM")
    title: str = Field(description="標目")
    original_or_copy: Literal["original", "copy"]
    made_on: date | None
    author: str
    purpose: str = Field(description="立証趣旨")
    slot: int | None = Field(description="the damage schedule's slot: 1 contract, 2 staff cost … 6 other")
    file: ExhibitFile | None = Field(description="null while no file is uploaded")


class PartnerTotals(_Out):
    """The vendor claim is the 請求一覧's row for this claimant, to the yen."""

    contract_damages: int = Field(description="契約に定める損害賠償請求権に基づく請求 (vendor claim)")
    unjust_enrichment: int = Field(description="不当利得返還請求権に基づく請求 (vendor claim)")
    total: int = Field(description="the vendor claim")
    claimed_from_insurer: int
    paid_by_insurer: int


class PartnerClaim(_Out):
    id: int = Field(description="the claimant's id")
    updated_at: datetime = Field(description="time of the last change of anything below")
    claimant: PartnerClaimant | None = None
    policy: PartnerPolicy | None = None
    stage: PartnerStage | None = None
    damage_items: list[PartnerDamageItem] | None = None
    exhibits: list[PartnerExhibit] | None = None
    totals: PartnerTotals | None = None


class ClaimPage(_Out):
    items: list[PartnerClaim]
    next: str | None = Field(description="URL of the next page; null on the last")


class ChangeEntry(_Out):
    claim_id: int
    change: Literal["updated", "access_ended"] = Field(
        description="`updated`: fetch the claim again; `access_ended`: consent withdrawn or policy moved, delete "
        "what you hold of it"
    )
    changed_at: datetime
    cursor: str = Field(description="resume after this entry")


class ChangePage(_Out):
    items: list[ChangeEntry]
    next_cursor: str = Field(description="pass as `cursor`; the same value when nothing new has happened")
    has_more: bool


class SettlementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paid_amount: int = Field(ge=1, description="whole yen paid to the office for this item")
    paid_on: date
