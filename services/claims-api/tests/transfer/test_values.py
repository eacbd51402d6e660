from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from typing import get_args

import pytest

from claims_api.claimants.duplicates import normalise, similar
from claims_api.damages.inputs import OtherLossCategory, Task
from claims_api.transfer import values
from claims_api.transfer.columns import CHOICES, KIND_LABELS, column_for_header
from claims_api.transfer.duplicates import Existing, Incoming, find
from claims_api.transfer.values import BadValue


@pytest.mark.parametrize(
    "typed",
    [
        "2023-07-04",
        "2023/7/4",
        "2023/07/04",
        "２０２３／７／４",
        "2023年7月4日",
        "令和5年7月4日",
        "令和５年７月４日",
        "R5.7.4",
        "r5/7/4",
        "20230704",
        "2023/7/4 0:00",
        datetime(2023, 7, 4, 0, 0),
        date(2023, 7, 4),
    ],
)
def test_dates_as_offices_type_them(typed):
    assert values.parse_date(typed) == date(2023, 7, 4)


def test_era_first_years_and_impossible_dates():
    assert values.parse_date("令和元年5月1日") == date(2019, 5, 1)
    assert values.parse_date("平成31年4月30日") == date(2019, 4, 30)
    for bad, reason in (
        ("令和元年4月1日", "before the era began"),
        ("2023/2/30", "not a real date"),
        ("7月4日", "expected a date"),
    ):
        with pytest.raises(BadValue, match=reason):
            values.parse_date(bad)
    with pytest.raises(BadValue, match="got the number"):
        values.parse_date(45111)


def test_months_and_amounts():
    assert values.parse_months("2023-06、2023/7") == ["2023-06", "2023-07"]
    assert values.parse_months("令和5年6月") == ["2023-06"]
    assert values.parse_months("なし") == []
    assert values.integer("１２，３４５円") == 12345 and values.integer("¥33,000") == 33000 and values.integer(5.0) == 5
    with pytest.raises(BadValue, match="whole number"):
        values.integer("12.5")
    assert values.decimal("125%", percent=True) == Decimal("1.25") and values.decimal(40.5) == Decimal("40.5")


def test_labels_registration_numbers_and_headers():
    assert values.choice("社労士(個人)", KIND_LABELS) == "sr_individual"  # half-width parentheses
    assert values.choice("sr_center", KIND_LABELS) == "sr_center"
    with pytest.raises(BadValue, match="allowed: 社労士（個人）, 社労士法人"):
        values.choice("弁護士", KIND_LABELS)
    assert values.digits(1234567, length=8) == "01234567" and values.digits("２７００１２３４", length=8) == "27001234"
    with pytest.raises(BadValue, match="8 digits"):
        values.digits("2700-1234", length=8)
    assert values.yes_no("はい") and not values.yes_no("いいえ") and values.yes_no("加入", yes="加入", no="未加入")
    header = column_for_header(" 人件費 (時給) ")
    assert header is not None and header.header == "人件費（時給）"
    alias = column_for_header("契約形態")
    assert alias is not None and alias.key == "contract_type"


@pytest.mark.parametrize(("field", "values_of"), [("task", Task), ("category", OtherLossCategory)])
def test_every_work_and_category_value_has_a_label_that_reads_back_to_it(field, values_of):
    """What a file writes for a value (its label) is read back as that value; every value of the API has one."""
    choices = CHOICES[field]
    assert set(choices.labels) == set(get_args(values_of))
    assert {value: choices.parse(label) for value, label in choices.labels.items()} == {v: v for v in choices.labels}
    assert all(choices.parse(value) == value for value in choices.labels)  # the API value itself is accepted
    assert len(set(choices.labels.values())) == len(choices.labels)


def test_text_refuses_control_characters_and_line_breaks_outside_facts():
    with pytest.raises(BadValue, match="line break"):
        values.text("山田\n花子")
    assert values.text("一行目\n二行目", multiline=True) == "一行目\n二行目"
    with pytest.raises(BadValue, match="control"):
        values.text("abc\x07")


def test_the_name_index_finds_exactly_what_comparing_every_pair_finds():
    rng = random.Random(3)
    chars = "山田花子太郎鈴木佐藤高橋一二三社会保険労務士法人大阪府市北区梅1-2ヤマダ"

    def text(n: int) -> str:
        return "".join(rng.choice(chars) for _ in range(n))

    def mutate(s: str) -> str:
        i = rng.randrange(len(s))
        return s[:i] + rng.choice(chars) + s[i + rng.randrange(2) :]

    people = [(text(rng.randint(1, 16)), text(rng.randint(6, 30))) for _ in range(120)]
    records = []
    for _ in range(500):
        name, address = rng.choice(people)
        records.append(
            (mutate(name) if rng.random() < 0.7 else name, mutate(address) if rng.random() < 0.5 else address)
        )
    stored = [Existing(i + 1, None, None, n, a) for i, (n, a) in enumerate(records[:250])]
    incoming = [Incoming(i + 2, None, None, n, a) for i, (n, a) in enumerate(records[250:])]

    def alike(a, b) -> bool:
        return similar(normalise(a.name), normalise(b.name)) and similar(normalise(a.address), normalise(b.address))

    expected = set()
    for i, entry in enumerate(incoming):
        expected |= {(entry.row, None, s.claimant_id) for s in stored if alike(entry, s)}
        expected |= {(entry.row, o.row, None) for o in incoming[:i] if alike(entry, o)}
    found = {(m.row, m.other_row, m.other_claimant_id) for m in find(stored, incoming).matches}
    assert len(expected) > 100 and found == expected
