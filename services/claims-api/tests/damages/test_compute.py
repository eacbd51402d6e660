"""Each head's amount and 計算式 from its inputs, to the yen."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from bengodan_common.errors import AppError
from claims_api.damages.compute import Context, compute
from claims_api.damages.schemas import DamageItemCreate

ITEM: TypeAdapter[DamageItemCreate] = TypeAdapter(DamageItemCreate)
CTX = Context(
    incident_date=date(2023, 6, 5),
    today=date(2026, 11, 29),
    reputation_amount=1_000_000,
    service_usable_on=date(2023, 7, 4),
)


def _compute(body: dict[str, object], ctx: Context = CTX) -> tuple[int, str]:
    data = ITEM.validate_python(body)
    result = compute(data.head, data.inputs, ctx)
    return result.amount, result.formula


def _problems(body: dict[str, object], ctx: Context = CTX) -> dict[str, str]:
    with pytest.raises(AppError) as raised:
        _compute(body, ctx)
    assert raised.value.status == 422
    return {e.field: e.reason for e in raised.value.errors or []}


def test_fee_difference_of_plaintiff_1_prorates_july_by_day_and_skips_unbilled_june():
    amount, formula = _compute(
        {"head": "fee_difference", "inputs": {"monthly_fee": 17_550, "unbilled_months": ["2023-06"]}}
    )
    assert amount == 1_698  # 17,550 × 3 ÷ 31 = 1,698.38 → 1,698
    assert formula.splitlines() == [
        "利用不能期間 令和5年6月5日～令和5年7月3日（利用可能になった日 令和5年7月4日）",
        "令和5年6月分: 請求されていないため対象外（26日）",
        "令和5年7月分: 月額17,550円 × 3日 ÷ 31日 = 1,698円",
        "合計 1,698円（月ごとの日割り、円未満切捨て）",
    ]


def test_fee_difference_from_the_restart_truncates_each_month():
    amount, formula = _compute(
        {
            "head": "fee_difference",
            "inputs": {
                "monthly_fee": 22_000,
                "unusable_from": "2023-06-30",
                "usable_on": "2023-08-16",
                "unbilled_months": [],
            },
        }
    )
    # June 1/30 = 733.33 → 733; July whole = 22,000; August 15/31 = 10,645.16 → 10,645.
    assert amount == 733 + 22_000 + 10_645
    assert "令和5年8月分: 月額22,000円 × 15日 ÷ 31日 = 10,645円" in formula


def test_fee_difference_needs_a_usable_date_after_the_first_unusable_day():
    no_date = Context(incident_date=CTX.incident_date, today=CTX.today, reputation_amount=1_000_000)
    inputs = {"monthly_fee": 10_000, "unbilled_months": []}
    assert "inputs.usable_on" in _problems({"head": "fee_difference", "inputs": inputs}, no_date)
    early = {**inputs, "usable_on": "2023-06-05"}
    assert "inputs.usable_on" in _problems({"head": "fee_difference", "inputs": early})
    before = {**inputs, "unusable_from": "2023-05-31"}
    assert _problems({"head": "fee_difference", "inputs": before}) == {
        "inputs.unusable_from": "2023-05-31 is before the incident on 2023-06-05"
    }


def test_staff_cost_truncates_each_overtime_line_and_adds_invoices():
    amount, formula = _compute(
        {
            "head": "staff_cost",
            "inputs": {
                "lines": [
                    {
                        "kind": "overtime",
                        "person": "従業員A",
                        "date_from": "2023-06-05",
                        "date_to": "2023-06-30",
                        "hours": "12.5",
                        "hourly_rate": 1_500,
                        "premium_rate": "1.25",
                    },
                    {
                        "kind": "outsourcing",
                        "vendor": "給与計算代行株式会社",
                        "invoiced_on": "2023-07-20",
                        "amount": 55_000,
                    },
                ]
            },
        }
    )
    assert amount == 23_437 + 55_000  # 12.5 × 1,500 × 1.25 = 23,437.5 → 23,437
    assert formula.splitlines() == [
        "従業員A: 12.5時間 × 時給1,500円 × 割増率1.25 = 23,437円（令和5年6月5日～令和5年6月30日）",
        "外注費 給与計算代行株式会社（令和5年7月20日請求）: 55,000円",
        "合計 78,437円（各行の円未満切捨て）",
    ]


def test_staff_cost_refuses_dates_before_the_incident_or_in_the_future():
    line = {"kind": "overtime", "person": "A", "hours": "1", "hourly_rate": 1_000}
    body = {
        "head": "staff_cost",
        "inputs": {
            "lines": [
                {**line, "date_from": "2023-06-01", "date_to": "2023-06-05"},
                {**line, "date_from": "2026-11-29", "date_to": "2026-12-01"},
            ]
        },
    }
    assert _problems(body) == {
        "inputs.lines.0.date_from": "2023-06-01 is before the incident on 2023-06-05",
        "inputs.lines.1.date_to": "2026-12-01 is in the future",
    }


@pytest.mark.parametrize(
    "change",
    [
        {"hourly_rate": 10_000_000},  # ten million yen an hour
        {"hourly_rate": -1},
        {"hours": "-3"},
        {"hours": "49", "date_to": "2023-06-06"},  # more hours than two days have
        {"premium_rate": "5"},
        {"date_to": "2023-06-01"},  # ends before it starts
    ],
)
def test_absurd_overtime_inputs_are_refused_by_the_schema(change):
    line = {"kind": "overtime", "person": "A", "date_from": "2023-06-05", "date_to": "2023-06-05", "hours": "2"}
    with pytest.raises(ValidationError):
        ITEM.validate_python({"head": "staff_cost", "inputs": {"lines": [{**line, "hourly_rate": 1_000, **change}]}})


def test_onprem_and_other_loss_add_their_lines():
    onprem, formula = _compute(
        {
            "head": "onprem_cost",
            "inputs": {
                "lines": [
                    {"issuer": "株式会社デモ", "invoice_number": "D-1", "issued_on": "2023-06-20", "amount": 33_000},
                    {"issuer": "株式会社デモ", "issued_on": "2023-07-20", "amount": 33_000},
                ]
            },
        }
    )
    assert onprem == 66_000 and formula.endswith("合計 66,000円")
    other, formula = _compute(
        {"head": "other_loss", "inputs": {"lines": [{"description": "お詫び状の郵送費", "amount": 12_340}]}}
    )
    assert (other, formula) == (12_340, "お詫び状の郵送費: 12,340円\n合計 12,340円")


def test_reputation_is_the_case_sum_per_claimant():
    amount, formula = _compute({"head": "reputation", "inputs": {"lost_clients": 2}})
    assert amount == 1_000_000
    assert formula == "1人あたり 1,000,000円（信用毀損を基礎づける事実は別記のとおり）\n契約を解除された顧問先 2件"


def test_fee_increase_refund_is_the_increase_times_the_months_paid():
    amount, formula = _compute(
        {
            "head": "fee_increase_refund",
            "inputs": {"old_fee": 17_550, "new_fee": 22_050, "first_month": "2023-12", "months": 22},
        }
    )
    assert amount == 99_000
    assert formula == (
        "（値上げ後の月額22,050円 − 値上げ前の月額17,550円） × 22か月（令和5年12月分～令和7年9月分） = 99,000円"
    )


def test_fee_increase_refund_cannot_run_past_this_month_or_lower_the_fee():
    body = {"head": "fee_increase_refund", "inputs": {"old_fee": 10_000, "new_fee": 12_000, "months": 60}}
    assert set(_problems(body)) == {"inputs.months"}
    with pytest.raises(ValidationError):
        ITEM.validate_python({**body, "inputs": {"old_fee": 12_000, "new_fee": 10_000, "months": 1}})


def test_a_total_beyond_one_billion_yen_is_refused():
    lines = [{"description": f"損失{i}", "amount": 100_000_000} for i in range(11)]
    assert "inputs.lines" in _problems({"head": "other_loss", "inputs": {"lines": lines}})
