"""遅延損害金 / 利息 by the 暦日 method used by courts and lawyers (legal-rules.md §4).

1. The period runs from ``start`` to ``end``, both days included (「送達の日の翌日から支払済みまで」).
2. Whole years are counted forward from ``start`` and charged principal × rate × years, leap year or not.
3. The remaining days are charged per day: days in a leap year over 366, other days over 365, so the
   remainder is split at 31 December ("calendar"); or all over 365 for a 「年365日の日割計算」 agreement
   ("always_365").
4. Each part is truncated below 1 yen and the parts are added ("floor_per_part"), as in every published
   example; "floor_total" truncates only the sum. No statute fixes this for private claims.

One rate applies to the whole period: under 民法419条1項 it is fixed when the delay begins
(see ``claims_api.legal.rates.delay_rate_for_service``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from claims_api.legal._checks import require_date, require_rate, require_yen

__all__ = [
    "DayBasis",
    "DelayDamagesBreakdown",
    "DelayPart",
    "Rounding",
    "delay_damages",
    "delay_damages_breakdown",
]

DayBasis = Literal["calendar", "always_365"]
Rounding = Literal["floor_per_part", "floor_total"]


@dataclass(frozen=True)
class DelayPart:
    """One line of the 計算式: either the whole years or the days of one calendar year.

    ``count`` is years (``unit == "years"``, ``divisor == 1``) or days (``unit == "days"``, ``divisor`` 365 or
    366). ``exact`` is the untruncated amount; ``amount`` is it truncated below 1 yen.
    """

    unit: Literal["years", "days"]
    start: date
    end: date
    count: int
    divisor: int
    principal: int
    rate: Decimal
    exact: Fraction
    amount: int

    @property
    def formula(self) -> str:
        """E.g. 「1,100,698円 × 年3% × 152日/365日 = 13,751円」 (円未満切捨て)."""
        pct = format((self.rate * 100).normalize(), "f")
        period = f"{self.count}年" if self.unit == "years" else f"{self.count}日/{self.divisor}日"
        return f"{self.principal:,}円 × 年{pct}% × {period} = {self.amount:,}円"


@dataclass(frozen=True)
class DelayDamagesBreakdown:
    """The parts and the total. With "floor_total" the total may exceed the sum of the parts' amounts."""

    principal: int
    start: date
    end: date
    rate: Decimal
    day_basis: DayBasis
    rounding: Rounding
    parts: tuple[DelayPart, ...]
    total: int

    @property
    def years(self) -> int:
        return sum(p.count for p in self.parts if p.unit == "years")

    @property
    def days(self) -> int:
        return sum(p.count for p in self.parts if p.unit == "days")


def _whole_years_end(start: date, years: int) -> date:
    """Last day of ``years`` whole years counted from ``start`` (the day before the corresponding day).

    A 29 February start has no corresponding day in a common year: the period then ends on the last day of
    February (民法143条2項ただし書; legal-rules.md §4 Unconfirmed (a)), i.e. on 28 February.
    """
    try:
        return start.replace(year=start.year + years) - timedelta(days=1)
    except ValueError:
        return date(start.year + years, 2, 28)


def delay_damages_breakdown(
    principal: int,
    start: date,
    end: date,
    rate: Decimal,
    *,
    day_basis: DayBasis = "calendar",
    rounding: Rounding = "floor_per_part",
) -> DelayDamagesBreakdown:
    """遅延損害金 on ``principal`` at annual ``rate`` from ``start`` to ``end``, both inclusive, by part.

    ``end`` before ``start`` gives no parts and a total of 0. A negative principal or rate raises ValueError.
    """
    require_yen("principal", principal)
    require_date("start", start)
    require_date("end", end)
    require_rate("rate", rate)
    if day_basis not in ("calendar", "always_365"):
        raise ValueError(f"unknown day_basis {day_basis!r}")
    if rounding not in ("floor_per_part", "floor_total"):
        raise ValueError(f"unknown rounding {rounding!r}")

    per_year = Fraction(principal) * Fraction(rate)
    parts: list[DelayPart] = []

    def add(unit: Literal["years", "days"], first: date, last: date, count: int, divisor: int) -> None:
        exact = per_year * count / divisor
        parts.append(DelayPart(unit, first, last, count, divisor, principal, rate, exact, int(exact)))

    if end >= start:
        years = end.year - start.year
        while _whole_years_end(start, years) > end:
            years -= 1
        if years:
            add("years", start, _whole_years_end(start, years), years, 1)
        first = _whole_years_end(start, years) + timedelta(days=1)
        if day_basis == "always_365":
            # One divisor for every day, so there is nothing to split at 31 December.
            if first <= end:
                add("days", first, end, (end - first).days + 1, 365)
        else:
            while first <= end:
                last = min(end, date(first.year, 12, 31))
                add("days", first, last, (last - first).days + 1, 366 if calendar.isleap(first.year) else 365)
                first = last + timedelta(days=1)

    if rounding == "floor_per_part":
        total = sum(p.amount for p in parts)
    else:
        total = int(sum((p.exact for p in parts), Fraction(0)))
    return DelayDamagesBreakdown(principal, start, end, rate, day_basis, rounding, tuple(parts), total)


def delay_damages(
    principal: int,
    start: date,
    end: date,
    rate: Decimal,
    *,
    day_basis: DayBasis = "calendar",
    rounding: Rounding = "floor_per_part",
) -> int:
    """遅延損害金 in whole yen; see ``delay_damages_breakdown`` and the module docstring for the method."""
    return delay_damages_breakdown(principal, start, end, rate, day_basis=day_basis, rounding=rounding).total
