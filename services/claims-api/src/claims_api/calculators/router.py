"""Calculators over the legal rules (legal-rules.md): no data read or written, every input checked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from bengodan_common.errors import Invalid
from claims_api.auth.deps import ClaimsRead
from claims_api.calculators.schemas import DelayDamages, FeeQuote, LegalRate
from claims_api.damages.schemas import MAX_ITEM_AMOUNT
from claims_api.legal import FeeKind, RateUnknown, delay_damages_breakdown, filing_fee, legal_rate

router = APIRouter(prefix="/calculators", tags=["calculators"])

Yen = Annotated[int, Query(ge=0, le=1_000_000_000_000, description="whole yen")]


@router.get("/legal-rate", response_model=LegalRate)
def get_legal_rate(date: date, _: ClaimsRead) -> LegalRate:
    """法定利率 in force on the date (民法404条; 5% before 2020-04-01)."""
    try:
        return LegalRate(date=date, rate=legal_rate(date))
    except RateUnknown as exc:
        raise Invalid("date", str(exc)) from exc


@router.get("/delay-damages", response_model=DelayDamages)
def get_delay_damages(
    _: ClaimsRead,
    principal: Annotated[int, Query(ge=0, le=MAX_ITEM_AMOUNT * 1000)],
    start: date,
    end: date,
    rate: Annotated[Decimal, Query(ge=0, le=Decimal("0.2"), max_digits=6, decimal_places=5)],
    day_basis: Literal["calendar", "always_365"] = "calendar",
    rounding: Literal["floor_per_part", "floor_total"] = "floor_per_part",
) -> DelayDamages:
    """遅延損害金 from `start` to `end`, both inclusive: whole years first, then days per calendar year."""
    if end < start:
        raise Invalid("end", "the end date is before the start date")
    result = delay_damages_breakdown(principal, start, end, rate, day_basis=day_basis, rounding=rounding)
    return DelayDamages.of(result)


@router.get("/filing-fee", response_model=FeeQuote)
def get_filing_fee(amount: Yen, _: ClaimsRead, kind: FeeKind = "suit") -> FeeQuote:
    """手数料 of 民訴費用法 別表第一 for a 訴額 (suit, 1項) or a mediation value (14項)."""
    return FeeQuote(amount=amount, kind=kind, fee=filing_fee(amount, kind))
