"""Statutory rate table and the 419条 rate for delay damages (legal-rules.md §3, §10 vector 10)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from claims_api.legal import RATE_PERIODS, RateUnknown, delay_rate_for_service, delay_start, legal_rate


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 3, 31), Decimal("0.05")),
        (date(2020, 4, 1), Decimal("0.03")),
        (date(2023, 4, 1), Decimal("0.03")),
        (date(2026, 4, 1), Decimal("0.03")),
        (date(2029, 3, 31), Decimal("0.03")),
        (date(1990, 1, 1), Decimal("0.05")),
    ],
)
def test_vector_10_rate_by_date(day: date, expected: Decimal) -> None:
    assert legal_rate(day) == expected


def test_vector_10_rate_not_yet_published_names_the_date() -> None:
    with pytest.raises(RateUnknown, match="2029-04-01") as raised:
        legal_rate(date(2029, 4, 1))
    assert raised.value.on == date(2029, 4, 1)


def test_commercial_rate_only_before_the_reform() -> None:
    assert legal_rate(date(2020, 3, 31), commercial=True) == Decimal("0.06")
    assert legal_rate(date(2020, 4, 1), commercial=True) == Decimal("0.03")
    with pytest.raises(RateUnknown):
        legal_rate(date(2030, 1, 1), commercial=True)


def test_table_is_contiguous_and_every_rate_is_a_decimal() -> None:
    for earlier, later in itertools.pairwise(RATE_PERIODS):
        assert later.start == earlier.end + timedelta(days=1)
    for period in RATE_PERIODS:
        assert isinstance(period.rate, Decimal)
        assert isinstance(period.commercial_rate, Decimal)
        assert period.source


def test_delay_starts_the_day_after_service() -> None:
    assert delay_start(date(2025, 8, 1)) == date(2025, 8, 2)
    assert delay_start(date(2024, 12, 31)) == date(2025, 1, 1)


def test_delay_rate_is_fixed_at_the_first_day_of_delay() -> None:
    # §3 worked example: served 2025-08-01 → 3% for the whole delay (民法419条1項).
    assert delay_rate_for_service(date(2025, 8, 1)) == Decimal("0.03")
    # Served on the last day of the old law: the delay begins 2020-04-01, under the new rate.
    assert delay_rate_for_service(date(2020, 3, 31)) == Decimal("0.03")
    # Delay beginning 2020-03-31 keeps the old rate (改正法附則17条3項), commercial 6% behind the flag.
    assert delay_rate_for_service(date(2020, 3, 30)) == Decimal("0.05")
    assert delay_rate_for_service(date(2020, 3, 30), commercial=True) == Decimal("0.06")
    with pytest.raises(RateUnknown, match="2029-04-01"):
        delay_rate_for_service(date(2029, 3, 31))


def test_datetime_is_refused() -> None:
    with pytest.raises(TypeError):
        legal_rate(datetime(2025, 1, 1, 12, 0))
