"""Legal computations for the claims: statutory rate, 遅延損害金, 訴額 and filing fees, APPI deadlines, and the
success fee estimate.

Pure functions: money is ``int`` yen, rates ``Decimal``, dates ``datetime.date``; no database, no FastAPI.
The rules and their sources are in ``shared/legal-rules.md`` (§1–4, §8–10).
"""

from __future__ import annotations

from claims_api.legal.appi import AppiDeadlines, appi_deadlines
from claims_api.legal.fees import (
    MEDIATION_FEE_SCALE,
    SUIT_FEE_SCALE,
    UNCOMPUTABLE_VALUE,
    FeeKind,
    claim_value,
    fee_shares,
    filing_fee,
    suit_fee_after_mediation_credit,
)
from claims_api.legal.interest import (
    DelayDamagesBreakdown,
    DelayPart,
    delay_damages,
    delay_damages_breakdown,
)
from claims_api.legal.rates import (
    RATE_PERIODS,
    RatePeriod,
    RateUnknown,
    delay_rate_for_service,
    delay_start,
    legal_rate,
)
from claims_api.legal.success_fee import CONSUMPTION_TAX_RATE, success_fee

__all__ = [
    "CONSUMPTION_TAX_RATE",
    "MEDIATION_FEE_SCALE",
    "RATE_PERIODS",
    "SUIT_FEE_SCALE",
    "UNCOMPUTABLE_VALUE",
    "AppiDeadlines",
    "DelayDamagesBreakdown",
    "DelayPart",
    "FeeKind",
    "RatePeriod",
    "RateUnknown",
    "appi_deadlines",
    "claim_value",
    "delay_damages",
    "delay_damages_breakdown",
    "delay_rate_for_service",
    "delay_start",
    "fee_shares",
    "filing_fee",
    "legal_rate",
    "success_fee",
    "suit_fee_after_mediation_credit",
]
