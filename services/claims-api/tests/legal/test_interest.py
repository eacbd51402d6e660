"""遅延損害金 by the 暦日 method (legal-rules.md §4, §10 vectors 11–14 and the project example)."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from claims_api.legal import delay_damages, delay_damages_breakdown

FIVE = Decimal("0.05")


@pytest.mark.parametrize(
    ("principal", "start", "end", "rate", "expected"),
    [
        # 11: 2 years + 67 days /365 (9,178.08) — bengoshi-mie 2017/11/07
        (1_000_000, date(2009, 10, 5), date(2011, 12, 10), FIVE, 109_178),
        # 12: 1 year + 212 days /365 (29,041.09) + 62 days /366 (8,469.95) — bengoshi-mie blog/1280
        (1_000_000, date(2010, 6, 3), date(2012, 3, 2), FIVE, 87_510),
        # 13: irokawa — 9 years; 9 years + 10 days /365; 8 years + 10 days /366
        (1_000_000, date(2016, 2, 1), date(2025, 1, 31), FIVE, 450_000),
        (1_000_000, date(2016, 2, 1), date(2025, 2, 10), FIVE, 451_369),
        (1_000_000, date(2016, 2, 1), date(2024, 2, 10), FIVE, 401_366),
        # 14: 100 days /365 (12,493.15) — paralegal-web
        (760_000, date(2011, 1, 2), date(2011, 4, 11), Decimal("0.06"), 12_493),
    ],
)
def test_vectors_11_to_14(principal: int, start: date, end: date, rate: Decimal, expected: int) -> None:
    assert delay_damages(principal, start, end, rate) == expected


def test_vector_12_parts_and_floor_total_variant() -> None:
    args = (1_000_000, date(2010, 6, 3), date(2012, 3, 2), FIVE)
    b = delay_damages_breakdown(*args)
    assert [(p.unit, p.count, p.divisor, p.amount) for p in b.parts] == [
        ("years", 1, 1, 50_000),
        ("days", 212, 365, 29_041),
        ("days", 62, 366, 8_469),
    ]
    assert b.days == 274  # bengoshi-mie counts 2011-06-03 – 2012-03-02 as 274 days, both ends included
    assert delay_damages(*args, rounding="floor_total") == 87_511


def test_project_example_served_2025_08_01() -> None:
    principal, rate, start = 1_100_698, Decimal("0.03"), date(2025, 8, 2)
    assert delay_damages(principal, start, date(2025, 12, 31), rate) == 13_751  # 152 days /365
    assert delay_damages(principal, start, date(2026, 8, 1), rate) == 33_020  # 1 year (33,020.94)
    b = delay_damages_breakdown(principal, start, date(2028, 3, 15), rate)
    assert b.total == 86_558
    assert [(p.start, p.end, p.count, p.divisor, p.amount) for p in b.parts] == [
        (date(2025, 8, 2), date(2027, 8, 1), 2, 1, 66_041),
        (date(2027, 8, 2), date(2027, 12, 31), 152, 365, 13_751),
        (date(2028, 1, 1), date(2028, 3, 15), 75, 366, 6_766),
    ]
    assert b.parts[1].formula == "1,100,698円 × 年3% × 152日/365日 = 13,751円"
    assert b.parts[0].formula == "1,100,698円 × 年3% × 2年 = 66,041円"
    assert b.parts[2].exact == Fraction(1_100_698) * Fraction(3, 100) * 75 / 366


def test_always_365_keeps_whole_years_and_divides_all_other_days_by_365() -> None:
    # Vector 13c under a 「年365日の日割計算」 agreement: 8 years + 10 days /365 (1,369.86).
    assert delay_damages(1_000_000, date(2016, 2, 1), date(2024, 2, 10), FIVE, day_basis="always_365") == 401_369
    # Remainder across a leap year's 1 January: one part (31 + 31 days /365 = 8,493.15), not split.
    b = delay_damages_breakdown(1_000_000, date(2023, 12, 1), date(2024, 1, 31), FIVE, day_basis="always_365")
    assert [(p.count, p.divisor, p.amount) for p in b.parts] == [(62, 365, 8_493)]
    # The calendar method splits it: 31 days /365 (4,246.57) + 31 days /366 (4,234.97).
    calendar = delay_damages_breakdown(1_000_000, date(2023, 12, 1), date(2024, 1, 31), FIVE)
    assert [(p.count, p.divisor, p.amount) for p in calendar.parts] == [(31, 365, 4_246), (31, 366, 4_234)]
    assert calendar.total == 8_480


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2024, 2, 29), 136),  # the start day alone: 1 day /366 (136.61)
        (date(2025, 2, 27), 49_884),  # 307 days /366 (41,939.89) + 58 days /365 (7,945.20)
        (date(2025, 2, 28), 50_000),  # one whole year ends on 28 February (民法143条2項ただし書)
        (date(2025, 3, 1), 50_136),  # 1 year + 1 day /365
        (date(2026, 2, 28), 100_000),
        (date(2028, 2, 28), 200_000),  # 2028 has a 29 February: the year still ends the day before it
        (date(2028, 2, 29), 200_136),  # 4 years + 1 day /366
    ],
)
def test_start_on_29_february(end: date, expected: int) -> None:
    assert delay_damages(1_000_000, date(2024, 2, 29), end, FIVE) == expected


def test_start_on_29_february_whole_year_boundaries() -> None:
    b = delay_damages_breakdown(1_000_000, date(2024, 2, 29), date(2025, 3, 1), FIVE)
    assert [(p.unit, p.start, p.end) for p in b.parts] == [
        ("years", date(2024, 2, 29), date(2025, 2, 28)),
        ("days", date(2025, 3, 1), date(2025, 3, 1)),
    ]


def test_end_before_start_is_zero_and_same_day_is_one_day() -> None:
    assert delay_damages(1_000_000, date(2025, 8, 2), date(2025, 8, 1), FIVE) == 0
    assert delay_damages_breakdown(1_000_000, date(2025, 8, 2), date(2025, 8, 1), FIVE).parts == ()
    assert delay_damages(1_000_000, date(2025, 8, 2), date(2025, 8, 2), FIVE) == 136  # 1 day /365 (136.98)


def test_zero_principal_or_rate_gives_zero() -> None:
    assert delay_damages(0, date(2020, 1, 1), date(2030, 1, 1), FIVE) == 0
    assert delay_damages(1_000_000, date(2020, 1, 1), date(2030, 1, 1), Decimal("0")) == 0


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="principal"):
        delay_damages(-1, date(2025, 1, 1), date(2025, 12, 31), FIVE)
    with pytest.raises(ValueError, match="rate"):
        delay_damages(1_000, date(2025, 1, 1), date(2025, 12, 31), Decimal("-0.01"))
    with pytest.raises(TypeError):
        delay_damages(1_000, date(2025, 1, 1), date(2025, 12, 31), 0.05)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        delay_damages(1_000.0, date(2025, 1, 1), date(2025, 12, 31), FIVE)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="day_basis"):
        delay_damages(1_000, date(2025, 1, 1), date(2025, 12, 31), FIVE, day_basis="actual")  # type: ignore[arg-type]


def test_parts_cover_the_period_and_the_total_never_falls_as_the_end_moves_on() -> None:
    rng = random.Random(20250801)
    for _ in range(25):
        start = date(2000, 1, 1) + timedelta(days=rng.randrange(12_000))
        principal = rng.randrange(1, 50_000_000)
        rate = Decimal(rng.choice(["0.03", "0.05", "0.06", "0.146"]))
        previous = 0
        for offset in range(0, 1_200, 7 if rng.random() < 0.5 else 1):
            end = start + timedelta(days=offset)
            b = delay_damages_breakdown(principal, start, end, rate)
            assert b.parts[0].start == start and b.parts[-1].end == end
            for left, right in itertools.pairwise(b.parts):
                assert right.start == left.end + timedelta(days=1)
            for part in b.parts:
                if part.unit == "days":
                    assert part.start.year == part.end.year
                    assert part.count == (part.end - part.start).days + 1
            assert b.total == sum(p.amount for p in b.parts)
            total = delay_damages(principal, start, end, rate, rounding="floor_total")
            assert b.total <= total < b.total + len(b.parts)
            assert b.total >= previous
            previous = b.total
