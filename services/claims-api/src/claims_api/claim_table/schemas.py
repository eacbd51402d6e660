from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel
from typing_extensions import TypedDict

from claims_api.legal import FeeKind


class InterestTerms(BaseModel):
    """How the 附帯請求 runs: from the day after service until payment, at the rate fixed at that day."""

    text: str  # 訴状送達の日の翌日から支払済みまで年3分
    rate: Decimal
    rate_basis: Literal["served", "assumed"]  # "assumed": not served yet, the rate in force today
    served_on: date | None
    start: date | None


# A plain dict, not a model: the table has thousands of rows, and building a model per row cost more than the query.
class ClaimTableRow(TypedDict):
    """One plaintiff of the 請求一覧."""

    number: int | None  # plaintiff / petitioner number in the proceeding
    claimant_id: int
    name: str
    contract_damages: int  # 契約に定める損害賠償請求権に基づき
    unjust_enrichment: int  # 不当利得返還請求権に基づき
    total: int


class ClaimTableTotals(BaseModel):
    contract_damages: int
    unjust_enrichment: int
    total: int
    plaintiffs: int


class ClaimTable(BaseModel):
    """請求一覧: one row per plaintiff in plaintiff order, and the totals row."""

    case_id: int
    proceeding_id: int | None
    interest: InterestTerms
    rows: list[ClaimTableRow]
    totals: ClaimTableTotals


class FeeShare(BaseModel):
    number: int | None
    claimant_id: int
    claim: int
    share: int


class FilingFee(BaseModel):
    """訴額 (principal only, 民訴法9条), the 別表第一 fee, and each plaintiff's share (最決R5.10.19, largest
    remainder so the shares add up to the fee)."""

    case_id: int
    proceeding_id: int | None
    kind: FeeKind
    claim_value: int
    fee: int
    shares: list[FeeShare]
