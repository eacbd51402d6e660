"""The success fee estimate (legal-rules.md §9: the firm's policy, about 10% of the money obtained)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims_api.legal import CONSUMPTION_TAX_RATE, success_fee

TEN = Decimal("0.10")


@pytest.mark.parametrize(
    ("obtained", "rate", "with_tax", "expected"),
    [
        (1_100_698, TEN, False, 110_069),  # 110,069.8: truncated below 1 yen
        (1_100_698, TEN, True, 121_075),  # 110,069 + 11,006 (11,006.9 truncated)
        (1_234_567, TEN, True, 135_801),  # tax on the truncated fee; floor(1,234,567 × 0.11) would be 135,802
        (1_000_000, TEN, False, 100_000),
        (1_000_000, TEN, True, 110_000),
        (0, TEN, True, 0),  # nothing obtained, nothing owed
        (9, TEN, False, 0),
        (19, TEN, True, 1),  # 1.9 → 1; tax 0.1 → 0
        (1_000_000, Decimal("0.125"), False, 125_000),
        (333_333, Decimal("0.0833"), False, 27_766),  # 27,766.6389
        (1_000_000, Decimal("0"), True, 0),
        (1_000_000, Decimal("1"), False, 1_000_000),
        (786_543_000, TEN, True, 86_519_730),  # 78,654,300 + 7,865,430
    ],
)
def test_success_fee_truncates_each_step_below_one_yen(obtained, rate, with_tax, expected):
    assert success_fee(obtained, rate, with_tax) == expected


def test_the_arithmetic_is_exact_where_a_float_would_not_be():
    # 0.1 × 3 as floats is 0.30000000000000004; 2**53 + 1 yen is not a float at all.
    assert success_fee(3, Decimal("0.1"), False) == 0
    assert success_fee(10, Decimal("0.3"), False) == 3
    assert success_fee(2**53 + 10, TEN, False) == (2**53 + 10) // 10
    # A rate with more digits than Decimal's default precision of 28 is not rounded either.
    assert success_fee(10**20, Decimal("0.1234567890123456789012345678901"), False) == 12_345_678_901_234_567_890


def test_the_tax_rate_is_ten_percent():
    assert success_fee(1_000, TEN, True) == 110
    assert Decimal("0.10") == CONSUMPTION_TAX_RATE


@pytest.mark.parametrize(
    ("obtained", "rate", "with_tax", "error"),
    [
        (1_000.0, TEN, False, TypeError),  # money is never a float
        (True, TEN, False, TypeError),
        (-1, TEN, False, ValueError),
        (1_000, 0.1, False, TypeError),  # a float rate
        (1_000, Decimal("-0.1"), False, ValueError),
        (1_000, Decimal("1.01"), False, ValueError),
        (1_000, Decimal("NaN"), False, ValueError),
        (1_000, TEN, 1, TypeError),
    ],
)
def test_wrong_arguments_are_refused(obtained, rate, with_tax, error):
    with pytest.raises(error):
        success_fee(obtained, rate, with_tax)
