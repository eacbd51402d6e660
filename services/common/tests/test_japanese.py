from datetime import UTC, date, datetime

import pytest

from bengodan_common.japanese import era_date, era_datetime, exhibit_label, yen_grouped, yen_ja


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1_100_698, "110万698円"),
        (35_000, "3万5000円"),
        (100_000_000, "1億円"),
        (1_200_000, "120万円"),
        (1_001_698, "100万1698円"),
        (0, "0円"),
        (999, "999円"),
        (123_456_789_012, "1234億5678万9012円"),
    ],
)
def test_yen_in_pleading_style(amount, text):
    assert yen_ja(amount) == text


def test_yen_refuses_floats():
    with pytest.raises(TypeError):
        yen_ja(1.5)  # type: ignore[arg-type]


def test_yen_grouped_for_tables():
    assert yen_grouped(1_100_698) == "1,100,698円"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 7, 1), "令和7年7月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2023, 6, 5), "令和5年6月5日"),
        (date(1989, 1, 8), "平成元年1月8日"),
    ],
)
def test_era_dates(day, text):
    assert era_date(day) == text


def test_datetimes_are_shown_in_japan_time():
    # 2030-01-22 01:30 UTC is 10:30 on Tuesday in Tokyo.
    assert era_datetime(datetime(2030, 1, 22, 1, 30, tzinfo=UTC)) == "令和12年1月22日（火）午前10時30分"
    assert era_datetime(datetime(2030, 1, 22, 5, 0, tzinfo=UTC)) == "令和12年1月22日（火）午後2時"
    assert era_date(datetime(2025, 6, 30, 16, 0, tzinfo=UTC)) == "令和7年7月1日"


def test_exhibit_labels():
    assert exhibit_label(3, 2) == "甲第3号証の2"
    assert exhibit_label(1) == "甲第1号証"
    assert exhibit_label(12, 1, long=False) == "甲12の1"
    with pytest.raises(ValueError):
        exhibit_label(0)
