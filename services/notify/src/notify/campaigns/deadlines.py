"""When the reports to the PPC fall due after a breach becomes known (規則8条; legal-rules.md §8).

- 速報 (8条1項): 「速やかに」, which the PPC's 通則ガイドライン (3-5-3-3) puts at about 3 to 5 days from knowing.
- 確報 (8条2項): within 30 days of the day it became known, 60 when the breach was done for an unlawful purpose
  (7条3号: ransomware, unauthorised access). Whether the day of knowledge counts as day 1 is not confirmed
  (民法140条 would leave it out), so the earlier reading is the due date shown and the later one the outer limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PRELIMINARY_DAYS = (3, 5)
FINAL_DAYS = 30
FINAL_DAYS_UNLAWFUL_PURPOSE = 60


@dataclass(frozen=True)
class ReportDeadlines:
    preliminary_from: date  # 速報: the guideline's "about 3 to 5 days"
    preliminary_by: date
    final_due: date  # 確報, counting the day of knowledge as day 1 (the earlier reading)
    final_outer_limit: date  # 確報, counting from the next day (民法140条)
    final_days: int  # 30, or 60 under 規則7条3号


def report_deadlines(known_on: date, *, unlawful_purpose: bool) -> ReportDeadlines:
    days = FINAL_DAYS_UNLAWFUL_PURPOSE if unlawful_purpose else FINAL_DAYS
    return ReportDeadlines(
        preliminary_from=known_on + timedelta(days=PRELIMINARY_DAYS[0]),
        preliminary_by=known_on + timedelta(days=PRELIMINARY_DAYS[1]),
        final_due=known_on + timedelta(days=days - 1),
        final_outer_limit=known_on + timedelta(days=days),
        final_days=days,
    )
