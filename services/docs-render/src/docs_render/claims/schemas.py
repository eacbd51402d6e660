"""docs-render's own models of the claims-api shapes it reads (docs/contracts.md).

Unknown fields are ignored so claims-api can add fields without breaking docs-render.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

LegalBasis = Literal["contract", "unjust_enrichment"]
# Where the office claims a damage item: from the vendor (the defendant, in the filings) or from its cyber
# insurer (then the item drops out of the vendor claim; once paid, the insurer pursues the vendor by 代位求償).
ClaimedFrom = Literal["vendor", "insurer"]


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class CaseSnapshot(_Read):
    id: int
    name: str
    title: str | None = None
    defendant_name: str | None = None
    defendant_address: str | None = None
    defendant_representative: str | None = None
    court: str | None = None
    incident_date: date | None = None
    served_on: date | None = None
    case_number: str | None = None
    reputation_amount: int | None = None


class ClaimantSnapshot(_Read):
    id: int
    case_id: int
    kind: str | None = None
    name: str
    representative: str | None = None
    office_name: str | None = None
    postal_code: str | None = None
    address: str | None = None


class ExhibitLink(_Read):
    id: int
    label: str


class InsurerSettlement(_Read):
    """What the insurer paid on an item claimed from it (it then holds the claim by subrogation)."""

    paid_amount: int
    paid_on: date
    client_id: str = ""
    recorded_at: datetime | None = None


class DamageItemSnapshot(_Read):
    id: int
    claimant_id: int
    head: str
    head_label: str
    legal_basis: LegalBasis
    amount: int
    formula: str = ""
    facts: str = ""
    exhibit_slot: int | None = None
    exhibits: list[ExhibitLink] = []
    claimed_from: ClaimedFrom = "vendor"
    settlement: InsurerSettlement | None = None  # set once the insurer has paid the item


class HeadTotal(_Read):
    head: str
    label: str
    legal_basis: LegalBasis
    amount: int  # claimed from the vendor: 0 for a head claimed from the insurer
    claimed_from: ClaimedFrom = "vendor"
    insurer_amount: int = 0  # the head's amount when it is claimed from the insurer
    insurer_paid: int | None = None  # what the insurer paid


class ClaimantSummary(_Read):
    claimant_id: int
    heads: list[HeadTotal]
    contract_total: int
    unjust_enrichment_total: int
    total: int


class DamageScheduleData(_Read):
    """Everything the 損害一覧 of one claimant prints, as claims-api computed it."""

    case: CaseSnapshot
    claimant: ClaimantSnapshot
    items: list[DamageItemSnapshot]
    summary: ClaimantSummary


# ---- a proceeding's filing: parties, counsel, the claim table, the fee, the exhibits ----------------------


class ProceedingSnapshot(_Read):
    id: int
    kind: Literal["mediation", "lawsuit"]
    name: str
    court: str
    case_number: str | None = None
    filed_on: date | None = None
    status: str


class Plaintiff(_Read):
    """A member of the proceeding: 原告 in a lawsuit, 申立人 in a mediation."""

    number: int
    claimant_id: int
    kind: str | None = None
    name: str
    representative: str | None = None
    office_name: str | None = None
    postal_code: str | None = None
    address: str | None = None


class Parties(_Read):
    case: CaseSnapshot
    proceeding: ProceedingSnapshot
    plaintiffs: list[Plaintiff]


class CounselOffice(_Read):
    name: str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""


class Counsel(_Read):
    name: str
    title: str = "弁護士"


class FilingTexts(_Read):
    complaint_cause: str = ""  # 請求の原因, with {placeholders} for the figures
    related_facts: str = ""  # 第3 関連事実
    mediation_dispute: str = ""  # 紛争の要点
    mediation_resolution_items: list[str] = []  # 相当な解決 items


class FilingSettings(_Read):
    case_id: int
    office: CounselOffice
    counsel: list[Counsel]
    texts: FilingTexts


class InterestTerms(_Read):
    text: str  # 訴状送達の日の翌日から支払済みまで年3分の割合
    rate: Decimal
    rate_basis: Literal["served", "assumed"]
    served_on: date | None = None
    start: date | None = None


class ClaimTableRow(_Read):
    number: int | None
    claimant_id: int
    name: str
    contract_damages: int
    unjust_enrichment: int
    total: int


class ClaimTableTotals(_Read):
    contract_damages: int
    unjust_enrichment: int
    total: int
    plaintiffs: int


class ClaimTable(_Read):
    case_id: int
    proceeding_id: int | None
    interest: InterestTerms
    rows: list[ClaimTableRow]
    totals: ClaimTableTotals


class FeeShare(_Read):
    number: int | None
    claimant_id: int
    claim: int
    share: int


class FilingFee(_Read):
    kind: Literal["suit", "mediation"]
    claim_value: int  # 訴額
    fee: int  # 貼用印紙額
    shares: list[FeeShare]


class ExhibitVersion(_Read):
    version: int
    filename: str
    size: int
    sha256: str


class Exhibit(_Read):
    id: int
    claimant_id: int | None
    number: int
    branch: int | None
    label: str  # 甲第3号証の2
    short_label: str  # 甲3の2
    title: str  # 標目
    original_or_copy: Literal["original", "copy"]
    made_on: date | None = None
    author: str = ""
    purpose: str = ""  # 立証趣旨
    note: str = ""  # 備考
    current_version: ExhibitVersion | None = None


class ScheduleEntry(_Read):
    """One member's 損害一覧 data, from the batch read of a proceeding (number None: no proceeding)."""

    number: int | None
    claimant: ClaimantSnapshot
    items: list[DamageItemSnapshot]
    summary: ClaimantSummary
