"""Deadlines of the report to the 個人情報保護委員会 on a reportable leak (個人情報保護法26条, 規則8条)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from claims_api.legal._checks import require_date

__all__ = ["AppiDeadlines", "appi_deadlines"]


@dataclass(frozen=True)
class AppiDeadlines:
    """Dates counted from ``known``, the day the business learnt of the situation.

    - 速報 (規則8条1項 「速やかに」): the PPC 通則ガイドライン 3-5-3-3 reads this as 「概ね3～5日以内」, so
      ``sokuho_target_from`` … ``sokuho_target_to`` is a target window, not a statutory deadline.
    - 確報 (規則8条2項): within 30 days, or 60 days for a 規則7条3号 case (不正の目的, e.g. ransomware).
      Whether the day of knowledge counts as day 1 is unconfirmed (legal-rules.md §8 Unconfirmed (a)), so
      ``kakuho_due`` (known + 29 / 59) is the conservative date to work to and ``kakuho_outer_limit``
      (known + 30 / 60, 初日不算入 under 民法140条) the later legal reading.
    """

    known: date
    case3: bool
    sokuho_target_from: date
    sokuho_target_to: date
    kakuho_period_days: int
    kakuho_due: date
    kakuho_outer_limit: date


def appi_deadlines(known: date, *, case3: bool) -> AppiDeadlines:
    """速報 window and 確報 due dates for a situation known on ``known``; ``case3`` for 規則7条3号."""
    require_date("known", known)
    days = 60 if case3 else 30
    return AppiDeadlines(
        known=known,
        case3=case3,
        sokuho_target_from=known + timedelta(days=3),
        sokuho_target_to=known + timedelta(days=5),
        kakuho_period_days=days,
        kakuho_due=known + timedelta(days=days - 1),
        kakuho_outer_limit=known + timedelta(days=days),
    )
