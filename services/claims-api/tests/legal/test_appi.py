"""APPI report deadlines (legal-rules.md §8, §10)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from claims_api.legal import appi_deadlines


def test_ordinary_case_30_days() -> None:
    d = appi_deadlines(date(2025, 1, 10), case3=False)
    assert (d.sokuho_target_from, d.sokuho_target_to) == (date(2025, 1, 13), date(2025, 1, 15))
    assert d.kakuho_period_days == 30
    assert d.kakuho_due == date(2025, 2, 8)  # known + 29: conservative
    assert d.kakuho_outer_limit == date(2025, 2, 9)  # known + 30: 初日不算入 reading


def test_case3_unlawful_purpose_60_days() -> None:
    d = appi_deadlines(date(2025, 1, 10), case3=True)
    assert (d.sokuho_target_from, d.sokuho_target_to) == (date(2025, 1, 13), date(2025, 1, 15))
    assert d.kakuho_period_days == 60
    assert d.kakuho_due == date(2025, 3, 10)  # 2025 is not a leap year
    assert d.kakuho_outer_limit == date(2025, 3, 11)


def test_crosses_leap_day_and_year_end() -> None:
    d = appi_deadlines(date(2023, 12, 30), case3=True)
    assert d.sokuho_target_from == date(2024, 1, 2)
    assert d.kakuho_due == date(2024, 2, 27)
    assert d.kakuho_outer_limit == date(2024, 2, 28)


def test_result_is_frozen_and_known_must_be_a_date() -> None:
    d = appi_deadlines(date(2025, 1, 10), case3=False)
    with pytest.raises(FrozenInstanceError):
        d.kakuho_due = date(2025, 12, 31)  # type: ignore[misc]
    with pytest.raises(TypeError):
        appi_deadlines("2025-01-10", case3=False)  # type: ignore[arg-type]
