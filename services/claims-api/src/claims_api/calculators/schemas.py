from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from claims_api.legal import DelayDamagesBreakdown, FeeKind


class LegalRate(BaseModel):
    date: date
    rate: Decimal  # serialised as a decimal string, e.g. "0.03"


class DelayPartRead(BaseModel):
    unit: Literal["years", "days"]
    start: date
    end: date
    count: int
    divisor: int
    amount: int
    formula: str  # 1,100,698円 × 年3% × 152日/365日 = 13,751円


class DelayDamages(BaseModel):
    principal: int
    start: date
    end: date
    rate: Decimal
    day_basis: Literal["calendar", "always_365"]
    rounding: Literal["floor_per_part", "floor_total"]
    amount: int
    parts: list[DelayPartRead]

    @classmethod
    def of(cls, result: DelayDamagesBreakdown) -> DelayDamages:
        return cls(
            principal=result.principal,
            start=result.start,
            end=result.end,
            rate=result.rate,
            day_basis=result.day_basis,
            rounding=result.rounding,
            amount=result.total,
            parts=[
                DelayPartRead(
                    unit=p.unit,
                    start=p.start,
                    end=p.end,
                    count=p.count,
                    divisor=p.divisor,
                    amount=p.amount,
                    formula=p.formula,
                )
                for p in result.parts
            ],
        )


class FeeQuote(BaseModel):
    amount: int
    kind: FeeKind
    fee: int
