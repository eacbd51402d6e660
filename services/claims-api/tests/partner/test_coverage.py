"""The insurer's coverage of a damage item, as its Q&A implies: per line, in yen that add up to the item amount."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter

from claims_api.damages.compute import Context, compute
from claims_api.damages.schemas import DamageItemCreate
from claims_api.partner.coverage import Coverage, EvidenceCheck, ExhibitInfo, classify

ITEM: TypeAdapter[DamageItemCreate] = TypeAdapter(DamageItemCreate)
CTX = Context(
    incident_date=date(2023, 6, 5),
    today=date(2026, 11, 29),
    reputation_amount=1_000_000,
    service_usable_on=date(2023, 7, 4),
)


def overtime(**changes: Any) -> dict[str, Any]:
    line = {
        "kind": "overtime",
        "person": "従業員A",
        "date_from": "2023-06-05",
        "date_to": "2023-06-30",
        "hours": "12.5",
        "hourly_rate": 1_500,
        "premium_rate": "1.25",
        "task": "incident_response",
    }
    return {**line, **changes}


def outsourcing(**changes: Any) -> dict[str, Any]:
    line = {"kind": "outsourcing", "vendor": "株式会社コール", "invoiced_on": "2023-07-20", "amount": 55_000}
    return {**line, **changes}


def other(category: str | None, amount: int = 10_000) -> dict[str, Any]:
    return {"description": "費用", "amount": amount, "category": category}


def covered_item(head: str, inputs: dict[str, Any], exhibits: tuple[ExhibitInfo, ...] = ()) -> tuple[int, Coverage]:
    """Validate and compute as the API does, store the inputs as JSON, classify the stored item."""
    data = ITEM.validate_python({"head": head, "inputs": inputs})
    amount = compute(data.head, data.inputs, CTX).amount
    stored = data.inputs.model_dump(mode="json")
    coverage = classify(head=head, inputs=stored, amount=amount, exhibits=exhibits)
    assert coverage.covered_amount + coverage.not_covered_amount + coverage.review_amount == amount
    assert sum(line.amount for line in coverage.lines) == amount
    return amount, coverage


def staff(*lines: dict[str, Any], exhibits: tuple[ExhibitInfo, ...] = ()) -> tuple[int, Coverage]:
    return covered_item("staff_cost", {"lines": list(lines)}, exhibits)


def checks(coverage: Coverage) -> dict[str, tuple[bool, tuple[str, ...]]]:
    return {check.label: (check.present, check.exhibits) for check in coverage.evidence}


# --- staff cost: overtime lines (Q&A A4) ---


def test_incident_response_overtime_is_covered_with_the_truncated_line_amount():
    amount, coverage = staff(overtime())
    assert amount == 23_437  # 12.5 × 1,500 × 1.25 = 23,437.5 → 23,437
    assert coverage.classification == "covered"
    assert coverage.reason == "Q&A A4: 事故対応のための従業員の超過勤務手当"
    assert (coverage.covered_amount, coverage.not_covered_amount, coverage.review_amount) == (23_437, 0, 0)
    assert [(line.index, line.classification, line.amount) for line in coverage.lines] == [(0, "covered", 23_437)]


@pytest.mark.parametrize(
    ("changes", "classification", "says"),
    [
        ({"manager": True}, "not_covered", "管理監督者"),
        ({"manager": True, "premium_rate": "1"}, "not_covered", "管理監督者"),
        ({"task": "substitute_work"}, "not_covered", "手作業の給与計算"),
        ({"task": "substitute_work", "premium_rate": "1.00"}, "not_covered", "代替"),
        ({"premium_rate": "1"}, "needs_review", "時間内給与なら対象外"),
        ({"task": None}, "needs_review", "業務内容（事故対応か代替業務か）が未記録"),
        ({"task": None, "premium_rate": "1"}, "needs_review", "時間内給与"),
        ({"premium_rate": "1.5"}, "covered", "事故対応のための従業員の超過勤務手当"),
    ],
)
def test_overtime_line_rules(changes, classification, says):
    amount, coverage = staff(overtime(**changes))
    assert coverage.classification == classification
    assert says in coverage.reason
    assert "A4" in coverage.reason
    assert coverage.lines[0].reason == coverage.reason
    assert {
        "covered": coverage.covered_amount,
        "not_covered": coverage.not_covered_amount,
        "needs_review": coverage.review_amount,
    }[classification] == amount


def test_overtime_stored_before_the_task_field_existed_needs_review():
    line = overtime()
    del line["task"]
    stored = {"lines": [line]}  # JSON written before the field existed: no "task" key at all
    coverage = classify(head="staff_cost", inputs=stored, amount=23_437, exhibits=())
    assert coverage.classification == "needs_review"
    assert coverage.review_amount == 23_437
    assert "未記録" in coverage.reason


# --- staff cost: outsourcing lines ---


@pytest.mark.parametrize(
    ("task", "classification", "says"),
    [
        ("incident_response", "covered", "Q&A A4: 事故対応の外部委託費用（コールセンター委託等）"),
        ("substitute_work", "not_covered", "Q&A A4: 滞った業務の代替のための外注費は対象外"),
        (None, "needs_review", "委託内容（事故対応か代替業務か）が未記録のため要確認（Q&A A4）"),
    ],
)
def test_outsourcing_line_rules(task, classification, says):
    amount, coverage = staff(outsourcing(task=task))
    assert amount == 55_000
    assert (coverage.classification, coverage.reason) == (classification, says)


# --- items mixing lines: the split and the amounts ---


def test_mixed_staff_cost_splits_the_computed_amount_line_by_line():
    amount, coverage = staff(
        overtime(),  # 23,437
        overtime(person="従業員B", hours="7.3", hourly_rate=1_333, task="substitute_work"),  # 12,163.625 → 12,163
        overtime(person="課長C", hours="3", hourly_rate=2_001, premium_rate="1.33", manager=True),  # 7,983.99 → 7,983
        overtime(person="従業員D", hours="1.1", hourly_rate=1_111, premium_rate="1", task=None),  # 1,222.1 → 1,222
        outsourcing(task="incident_response"),  # 55,000
        outsourcing(vendor="給与計算代行株式会社", amount=33_000, task="substitute_work"),  # 33,000
    )
    assert amount == 23_437 + 12_163 + 7_983 + 1_222 + 55_000 + 33_000
    assert [(line.index, line.classification, line.amount) for line in coverage.lines] == [
        (0, "covered", 23_437),
        (1, "not_covered", 12_163),
        (2, "not_covered", 7_983),
        (3, "needs_review", 1_222),
        (4, "covered", 55_000),
        (5, "not_covered", 33_000),
    ]
    assert coverage.classification == "needs_review"
    assert (coverage.covered_amount, coverage.not_covered_amount, coverage.review_amount) == (78_437, 53_146, 1_222)
    assert coverage.reason == (
        "一部対象外を含む（対象 2件 78,437円、対象外 3件 53,146円、要確認 1件 1,222円）。明細ごとの理由を参照"
    )


def test_covered_and_review_lines_only_say_part_needs_review():
    _, coverage = staff(overtime(), outsourcing(task=None))
    assert coverage.classification == "needs_review"
    assert coverage.reason.startswith("一部要確認を含む（対象 1件 23,437円、要確認 1件 55,000円）")


def test_covered_and_not_covered_lines_only_need_review():
    _, coverage = staff(overtime(), outsourcing(task="substitute_work"))
    assert coverage.classification == "needs_review"
    assert (coverage.covered_amount, coverage.not_covered_amount, coverage.review_amount) == (23_437, 55_000, 0)
    assert coverage.reason.startswith("一部対象外を含む")


def test_all_lines_covered_gives_each_distinct_reason_once():
    amount, coverage = staff(overtime(), overtime(person="従業員B"), outsourcing(task="incident_response"))
    assert coverage.classification == "covered"
    assert coverage.covered_amount == amount == 23_437 * 2 + 55_000
    assert coverage.reason == (
        "Q&A A4: 事故対応のための従業員の超過勤務手当／Q&A A4: 事故対応の外部委託費用（コールセンター委託等）"
    )


# --- the other heads ---


def test_onprem_invoices_are_a_substitute_system_and_not_covered():
    lines = [
        {"issuer": "株式会社ベンダー", "issued_on": "2023-06-20", "amount": 110_000},
        {"issuer": "株式会社ベンダー", "issued_on": "2023-07-20", "amount": 22_000},
    ]
    amount, coverage = covered_item("onprem_cost", {"lines": lines})
    assert (coverage.classification, coverage.not_covered_amount) == ("not_covered", amount)
    assert amount == 132_000
    assert coverage.reason == "Q&A A4: 代替システムの導入費用は対象外"
    assert [line.index for line in coverage.lines] == [0, 1]


def test_fee_difference_needs_review():
    amount, coverage = covered_item("fee_difference", {"monthly_fee": 17_550, "unbilled_months": ["2023-06"]})
    assert (amount, coverage.classification, coverage.review_amount) == (1_698, "needs_review", 1_698)
    assert "Q&Aに列挙のない自社の利用料の損失" in coverage.reason
    assert coverage.evidence == ()


def test_reputation_needs_review_as_possible_liability_to_clients():
    amount, coverage = covered_item("reputation", {"lost_clients": 3})
    assert (amount, coverage.classification, coverage.review_amount) == (1_000_000, "needs_review", 1_000_000)
    assert "A2" in coverage.reason
    assert "A3" in coverage.reason
    assert coverage.evidence == ()


def test_fee_increase_refund_is_unjust_enrichment_and_not_covered():
    inputs = {"old_fee": 16_500, "new_fee": 19_800, "months": 30}
    amount, coverage = covered_item("fee_increase_refund", inputs)
    assert (amount, coverage.classification, coverage.not_covered_amount) == (99_000, "not_covered", 99_000)
    assert "不当利得" in coverage.reason
    assert coverage.evidence == ()


@pytest.mark.parametrize(
    ("category", "classification", "says"),
    [
        ("breach_notice", "covered", "A4"),
        ("apology", "covered", "お詫び状"),
        ("authority_report", "covered", "公的機関への届出"),
        ("call_centre", "covered", "コールセンター"),
        ("system_migration", "not_covered", "代替システム"),
        ("client_compensation", "needs_review", "A2・A3"),
        ("cancellation", "needs_review", "個別判断"),
        ("other", "needs_review", "個別判断"),
        (None, "needs_review", "未分類"),
    ],
)
def test_other_loss_line_rules(category, classification, says):
    amount, coverage = covered_item("other_loss", {"lines": [other(category, 12_345)]})
    assert amount == 12_345
    assert coverage.classification == classification
    assert says in coverage.reason


def test_other_loss_mixing_categories_adds_up():
    lines = [other("breach_notice", 30_000), other("apology", 8_800), other("system_migration", 220_000)]
    amount, coverage = covered_item("other_loss", {"lines": [*lines, other(None, 5_000)]})
    assert amount == 263_800
    assert (coverage.covered_amount, coverage.not_covered_amount, coverage.review_amount) == (38_800, 220_000, 5_000)
    assert coverage.classification == "needs_review"


# --- items without inputs, or with inputs that no longer match the amount ---


def test_legacy_item_without_inputs_needs_review_as_one_line():
    coverage = classify(head="other_loss", inputs=None, amount=77_777, exhibits=())
    assert coverage.classification == "needs_review"
    assert (coverage.covered_amount, coverage.not_covered_amount, coverage.review_amount) == (0, 0, 77_777)
    assert [(line.index, line.classification, line.amount) for line in coverage.lines] == [(0, "needs_review", 77_777)]
    assert "旧データ" in coverage.reason
    assert [check.label for check in coverage.evidence] == ["請求書・領収書"]


def test_legacy_staff_cost_asks_for_the_overtime_documents_and_invoices():
    coverage = classify(head="staff_cost", inputs=None, amount=50_000, exhibits=())
    assert [check.label for check in coverage.evidence] == [
        "勤怠記録",
        "賃金台帳",
        "業務日報・タスク管理表",
        "請求書・領収書",
    ]
    assert not any(check.present for check in coverage.evidence)


def test_legacy_reputation_needs_no_evidence_list():
    coverage = classify(head="reputation", inputs=None, amount=1_000_000, exhibits=())
    assert (coverage.classification, coverage.evidence) == ("needs_review", ())


def test_stale_amount_is_one_review_line_so_the_sums_stay_exact():
    _, computed = staff(overtime())
    stored = ITEM.validate_python({"head": "staff_cost", "inputs": {"lines": [overtime()]}}).inputs
    coverage = classify(head="staff_cost", inputs=stored.model_dump(mode="json"), amount=30_000, exhibits=())
    assert computed.classification == "covered"
    assert coverage.classification == "needs_review"
    assert (coverage.covered_amount, coverage.not_covered_amount, coverage.review_amount) == (0, 0, 30_000)
    assert "23,437円" in coverage.reason
    assert "30,000円" in coverage.reason


def test_unreadable_inputs_need_review():
    coverage = classify(head="staff_cost", inputs={"lines": "garbage"}, amount=1_000, exhibits=())
    assert (coverage.classification, coverage.review_amount) == ("needs_review", 1_000)


def test_unknown_head_is_refused():
    with pytest.raises(ValueError):
        classify(head="lottery", inputs=None, amount=1, exhibits=())


# --- evidence (Q&A A5 for overtime; invoices for the rest) ---


def test_overtime_evidence_present_or_missing_and_files_required():
    exhibits = (
        ExhibitInfo("甲第3号証の2", "ﾀｲﾑｶｰﾄﾞ（令和5年6月分）", has_file=True),  # half-width kana, NFKC
        ExhibitInfo("甲第3号証の3", "賃金台帳", has_file=False),  # no file uploaded: not evidence yet
        ExhibitInfo("甲第3号証の4", "出勤簿", has_file=True),
        ExhibitInfo("甲第3号証の2", "ﾀｲﾑｶｰﾄﾞ（令和5年6月分）", has_file=True),  # linked and in the slot
        ExhibitInfo("甲第3号証の5", "事故対応記録", has_file=True),
    )
    _, coverage = staff(overtime(), exhibits=exhibits)
    assert checks(coverage) == {
        "勤怠記録": (True, ("甲第3号証の2", "甲第3号証の4")),
        "賃金台帳": (False, ()),
        "業務日報・タスク管理表": (True, ("甲第3号証の5",)),
    }
    assert [check.kind for check in coverage.evidence] == ["time_records", "wage_ledger", "task_logs"]


def test_wage_ledger_with_a_file_is_present():
    exhibits = (ExhibitInfo("甲第3号証の3", "給与計算資料（時間単価）", has_file=True),)
    _, coverage = staff(overtime(), exhibits=exhibits)
    assert checks(coverage)["賃金台帳"] == (True, ("甲第3号証の3",))


def test_staff_cost_with_outsourcing_asks_for_invoices_and_a_pay_slip_is_no_invoice():
    exhibits = (
        ExhibitInfo("甲第3号証の2", "給与明細", has_file=True),
        ExhibitInfo("甲第3号証の6", "請求書（株式会社コール）", has_file=True),
    )
    _, coverage = staff(overtime(), outsourcing(task="incident_response"), exhibits=exhibits)
    assert checks(coverage) == {
        "勤怠記録": (False, ()),
        "賃金台帳": (True, ("甲第3号証の2",)),
        "業務日報・タスク管理表": (False, ()),
        "請求書・領収書": (True, ("甲第3号証の6",)),
    }


def test_outsourcing_only_staff_cost_asks_for_invoices_only():
    _, coverage = staff(outsourcing(task="incident_response"))
    assert coverage.evidence == (EvidenceCheck("invoices", "請求書・領収書", False, ()),)


@pytest.mark.parametrize("title", ["領収書", "見積書", "利用料明細", "ご請求書"])
def test_onprem_and_other_loss_find_invoices_and_receipts(title):
    exhibits = (ExhibitInfo("甲第4号証の3", title, has_file=True), ExhibitInfo("甲第4号証の6", "写真", has_file=True))
    onprem = {"lines": [{"issuer": "株式会社ベンダー", "issued_on": "2023-06-20", "amount": 110_000}]}
    for head, inputs in (("onprem_cost", onprem), ("other_loss", {"lines": [other("apology")]})):
        _, coverage = covered_item(head, inputs, exhibits)
        assert coverage.evidence == (EvidenceCheck("invoices", "請求書・領収書", True, ("甲第4号証の3",)),)


def test_invoice_without_a_file_is_missing():
    exhibits = (ExhibitInfo("甲第4号証の6", "お詫び状送付の請求書", has_file=False),)
    _, coverage = covered_item("other_loss", {"lines": [other("apology")]}, exhibits)
    assert coverage.evidence == (EvidenceCheck("invoices", "請求書・領収書", False, ()),)
