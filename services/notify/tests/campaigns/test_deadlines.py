"""The due dates of the reports to the PPC (規則8条; legal-rules.md §8)."""

from __future__ import annotations

from datetime import date

from notify.campaigns.deadlines import report_deadlines


def test_the_preliminary_report_is_due_about_three_to_five_days_after_knowing() -> None:
    deadlines = report_deadlines(date(2023, 6, 5), unlawful_purpose=False)
    assert (deadlines.preliminary_from, deadlines.preliminary_by) == (date(2023, 6, 8), date(2023, 6, 10))


def test_the_final_report_is_due_in_30_days_with_the_earlier_reading_as_the_due_date() -> None:
    deadlines = report_deadlines(date(2023, 6, 5), unlawful_purpose=False)
    assert deadlines.final_days == 30
    assert deadlines.final_due == date(2023, 7, 4)  # 6月5日 counted as day 1
    assert deadlines.final_outer_limit == date(2023, 7, 5)  # 民法140条: from the next day


def test_a_breach_for_an_unlawful_purpose_gives_60_days() -> None:
    deadlines = report_deadlines(date(2023, 6, 5), unlawful_purpose=True)  # ransomware: 規則7条3号
    assert (deadlines.final_days, deadlines.final_due, deadlines.final_outer_limit) == (
        60,
        date(2023, 8, 3),
        date(2023, 8, 4),
    )


def test_the_count_runs_across_a_year_end() -> None:
    deadlines = report_deadlines(date(2025, 12, 20), unlawful_purpose=False)
    assert (deadlines.final_due, deadlines.final_outer_limit) == (date(2026, 1, 18), date(2026, 1, 19))
