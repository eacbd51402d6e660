"""The success fee estimate (報酬金): the firm's share of the money obtained for a claimant.

The firm's policy (legal-rules.md §9, seed 001 §8): about 10% of the money obtained, nothing if nothing is
obtained. The rate and whether consumption tax is added are the case's settings (`success_fee_rate`,
`success_fee_consumption_tax`). This is the firm's policy, not a legal rule; the result is an estimate.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor

from claims_api.legal._checks import require_rate, require_yen

__all__ = ["CONSUMPTION_TAX_RATE", "success_fee"]

# 消費税 and 地方消費税 together, the standard rate since 2019-10-01 (a lawyer's fee is standard-rated).
CONSUMPTION_TAX_RATE = Decimal("0.10")


def success_fee(obtained: int, rate: Decimal, with_tax: bool) -> int:
    """Success fee in whole yen on ``obtained`` yen at ``rate`` (0.10 = 10%), with consumption tax if asked.

    Each step is truncated below 1 yen, as an invoice does: the fee is ``floor(obtained × rate)``; with tax,
    the tax ``floor(fee × 10%)`` is added to that fee. So 1,234,567円 at 10% is 123,456円, with tax
    123,456 + 12,345 = 135,801円 (not floor(1,234,567 × 0.11) = 135,802円). The arithmetic is exact (no
    float, no Decimal rounding). Nothing obtained → 0. ``rate`` must lie between 0 and 1.
    """
    require_yen("obtained", obtained)
    require_rate("rate", rate)
    if rate > 1:
        raise ValueError(f"rate must not exceed 1 (100%), got {rate}")
    if not isinstance(with_tax, bool):
        raise TypeError(f"with_tax must be a bool, got {type(with_tax).__name__}")
    fee = floor(obtained * Fraction(rate))
    if with_tax:
        fee += floor(fee * Fraction(CONSUMPTION_TAX_RATE))
    return fee
