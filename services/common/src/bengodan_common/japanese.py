"""Japanese formatting for filings, e-mails and the UI: pleading-style yen, era dates, exhibit numbers."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")

# (first day, era name); newest first.
_ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)
_WEEKDAYS = "月火水木金土日"


def yen_ja(amount: int) -> str:
    """Pleading style: 1100698 -> '110万698円', 35000 -> '3万5000円', 100000000 -> '1億円'."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("amount must be an int of yen")
    if amount == 0:
        return "0円"
    sign = "マイナス" if amount < 0 else ""
    rest = abs(amount)
    parts = []
    for unit, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万")):
        if rest >= unit:
            parts.append(f"{rest // unit}{name}")
            rest %= unit
    if rest:
        parts.append(str(rest))
    return f"{sign}{''.join(parts)}円"


def yen_grouped(amount: int) -> str:
    """Tables: 1100698 -> '1,100,698円'."""
    return f"{amount:,}円"


def era_date(value: date | datetime) -> str:
    """令和7年7月1日 (令和元年 for the first year). Datetimes are shown in Japan time."""
    day = value.astimezone(TOKYO).date() if isinstance(value, datetime) else value
    for start, name in _ERAS:
        if day >= start:
            year = day.year - start.year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{name}{year_text}年{day.month}月{day.day}日"
    raise ValueError(f"no era for {day.isoformat()}")


def era_datetime(value: datetime) -> str:
    """令和8年1月20日（火）午前10時30分, in Japan time."""
    local = value.astimezone(TOKYO)
    hour = local.hour
    half = "午前" if hour < 12 else "午後"
    hour12 = hour if hour <= 12 else hour - 12
    minute = f"{local.minute}分" if local.minute else ""
    return f"{era_date(local.date())}（{_WEEKDAYS[local.weekday()]}）{half}{hour12}時{minute}"


def exhibit_label(number: int, branch: int | None = None, *, side: str = "甲", long: bool = True) -> str:
    """甲第3号証の2 (long) or 甲3の2 (short)."""
    if number < 1 or (branch is not None and branch < 1):
        raise ValueError("exhibit numbers start at 1")
    base = f"{side}第{number}号証" if long else f"{side}{number}"
    return f"{base}の{branch}" if branch is not None else base
