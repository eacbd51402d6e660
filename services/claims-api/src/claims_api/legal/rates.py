"""法定利率 (statutory interest rate) by date, and the rate governing 遅延損害金 after service of a complaint.

The table is data: when the 法務大臣 publishes the rate for the period from 2029-04-01 (民法404条3項–5項),
add a row to ``RATE_PERIODS``; no code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from claims_api.legal._checks import require_date

__all__ = [
    "RATE_PERIODS",
    "RatePeriod",
    "RateUnknown",
    "delay_rate_for_service",
    "delay_start",
    "legal_rate",
]


@dataclass(frozen=True)
class RatePeriod:
    """One period of the statutory rate; ``start`` and ``end`` are both inclusive."""

    start: date
    end: date
    rate: Decimal
    commercial_rate: Decimal
    source: str


RATE_PERIODS: tuple[RatePeriod, ...] = (
    RatePeriod(
        date.min,
        date(2020, 3, 31),
        Decimal("0.05"),
        Decimal("0.06"),
        "旧民法404条 年5分; 商事は旧商法514条 年6分 (平成29年法律第44号・第45号で廃止)",
    ),
    RatePeriod(
        date(2020, 4, 1),
        date(2023, 3, 31),
        Decimal("0.03"),
        Decimal("0.03"),
        "民法404条2項 第1期 (基準割合0.7%)",
    ),
    RatePeriod(
        date(2023, 4, 1),
        date(2026, 3, 31),
        Decimal("0.03"),
        Decimal("0.03"),
        "民法404条 第2期 (基準割合0.5%)",
    ),
    RatePeriod(
        date(2026, 4, 1),
        date(2029, 3, 31),
        Decimal("0.03"),
        Decimal("0.03"),
        "民法404条 第3期 (基準割合0.4%, 令和7年法務省告示第73号; 変動なし)",
    ),
)


class RateUnknown(LookupError):
    """The statutory rate for this date has not been published yet."""

    def __init__(self, on: date) -> None:
        self.on = on
        last = RATE_PERIODS[-1].end
        super().__init__(
            f"法定利率 for {on.isoformat()} is not known: published only up to {last.isoformat()} "
            "(民法404条; the 法務大臣 announces each 3-year period's rate in advance)"
        )


def legal_rate(d: date, *, commercial: bool = False) -> Decimal:
    """The statutory annual rate on day ``d`` (民法404条; 0.03 = 年3%).

    ``commercial`` selects the old 商事法定利率 (旧商法514条, 年6%) for dates before 2020-04-01; from that
    date there is one rate for all debts. Raises ``RateUnknown`` for dates not yet covered by the table.
    """
    require_date("d", d)
    for period in RATE_PERIODS:
        if period.start <= d <= period.end:
            return period.commercial_rate if commercial else period.rate
    raise RateUnknown(d)


def delay_start(served_on: date) -> date:
    """First day of 遅延損害金 on a claim demanded by the complaint: the day after service.

    Service is the demand (民法412条3項); 「訴状送達の日の翌日から」 applies 初日不算入 (民法140条).
    """
    return require_date("served_on", served_on) + timedelta(days=1)


def delay_rate_for_service(served_on: date, *, commercial: bool = False) -> Decimal:
    """The rate for the whole of the delay when the complaint was served on ``served_on``.

    民法419条1項: the rate in force when the debtor first fell into delay, fixed for the whole period even
    if the statutory rate later changes. 改正法附則17条3項: a delay that began before 2020-04-01 keeps the
    old rate (5%, or 6% for commercial debts) after that date too.
    """
    return legal_rate(delay_start(served_on), commercial=commercial)
