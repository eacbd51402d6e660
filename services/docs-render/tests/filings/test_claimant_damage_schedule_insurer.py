"""損害一覧 with heads the office claims from its cyber insurer instead of the vendor (insurer or vendor, never
both): such a head prints 0円 (claims-api's amount, what adds up to the totals) with a note that it is not claimed
in this proceeding, its loss and, once paid, the insurer's payment (代位求償); its formula, facts and exhibits still
print. The totals are claims-api's vendor totals. An answer of claims-api from before the rule still renders."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from docs_render_builders import (
    HEADS,
    FakeClaimsApi,
    make_damage_item,
    make_settlement,
    make_summary,
    plaintiff_one,
    plaintiff_one_with_insurer,
    schedule_html,
)

from docs_render.claims.client import ClaimsApi
from docs_render.claims.schemas import DamageItemSnapshot, HeadTotal
from docs_render.docx import docx_text, html_to_docx
from docs_render.filings.claimant import InsurerNote, insurer_note
from docs_render.pdf import render_pdf

from .claimant_data import joined, layout_rows
from .pdf_checks import pdf_text

UNPAID_NOTE = "本件では請求しない（保険会社に請求。損害額 金18万3750円）"
PAID_NOTES = [
    "本件では請求しない（保険会社に請求。損害額 金2万7500円）",
    "保険会社が令和8年10月15日に金2万2500円を支払済み（代位求償）",
]


@pytest.fixture(scope="module")
def html() -> str:
    fake = FakeClaimsApi()
    plaintiff_one_with_insurer(fake)
    return schedule_html(fake)


@pytest.fixture(scope="module")
def pdf(html: str) -> bytes:
    return render_pdf(html)


def between(text: str, start: str, end: str) -> str:
    """The part of `text` from `start` up to `end` (both must be there, in that order)."""
    head = text.index(start)
    return text[head : text.index(end, head)]


def test_a_head_claimed_from_the_insurer_prints_0_yen_and_why(pdf: bytes) -> None:
    rows = layout_rows(pdf_text(pdf, layout=True))
    assert "①人件費0円" in rows
    assert "⑤その他実損0円" in rows
    text = joined(pdf_text(pdf, raw=True))
    staff = between(text, "①人件費", "②オンプレ版費用")
    assert joined(UNPAID_NOTE) in staff
    assert "支払済み" not in staff  # not paid yet: no payment line
    other = between(text, "⑤その他実損", "小計（契約に定める損害賠償請求権）")
    assert joined("".join(PAID_NOTES)) in other
    assert text.count("保険会社") == 3


def test_its_formula_facts_and_exhibits_still_print(pdf: bytes) -> None:
    text = joined(pdf_text(pdf, raw=True))
    staff = between(text, "①人件費", "②オンプレ版費用")
    assert "事務員A:40時間×時給1,750円×割増率1.25=87,500円合計183,750円" in staff
    assert "本件事故により給与計算を手作業で行い、事務員が時間外労働をした。" in staff
    assert staff.endswith("証拠甲○の2")
    other = between(text, "⑤その他実損", "小計（契約に定める損害賠償請求権）")
    assert "お詫び状の郵送費:5,500円お詫びの品:22,000円合計27,500円" in other
    assert other.endswith("証拠甲3の6")


def test_the_totals_are_the_vendor_totals_of_claims_api(pdf: bytes) -> None:
    flat = joined(pdf_text(pdf, raw=True))
    assert "契約に定める損害賠償請求権に基づくもの金100万1698円" in flat
    assert "合計金110万698円である。" in flat
    assert "小計（契約に定める損害賠償請求権）1,001,698円" in flat
    assert "損害額合計1,100,698円" in flat
    # The vendor's heads keep their amounts and have no note.
    rows = layout_rows(pdf_text(pdf, layout=True))
    assert "③利用料差額1,698円" in rows and "④信用毀損1,000,000円" in rows
    assert "本件では請求しない" not in between(flat, "③利用料差額", "⑤その他実損")


def test_the_docx_prints_the_same_notes(html: str) -> None:
    lines = docx_text(html_to_docx(html)).splitlines()
    assert "①　人件費\t0円" in lines
    assert f"備考\t{UNPAID_NOTE}" in lines
    assert f"備考\t{PAID_NOTES[0]}" in lines
    assert lines[lines.index(f"備考\t{PAID_NOTES[0]}") + 1] == PAID_NOTES[1]
    assert "損害額合計\t1,100,698円" in lines


def test_an_answer_from_before_the_insurer_rule_still_renders() -> None:
    fake = FakeClaimsApi()
    claimant = plaintiff_one(fake)
    # The fixture really is the old shape: none of the new fields.
    answers = json.dumps([fake.items[claimant["id"]], fake.summaries[claimant["id"]]])
    for name in ("claimed_from", "settlement", "insurer_amount", "insurer_paid"):
        assert name not in answers
    data = ClaimsApi(fake.client()).damage_schedule(case_id=1, claimant_id=claimant["id"])
    assert {head.claimed_from for head in data.summary.heads} == {"vendor"}
    assert {item.claimed_from for item in data.items} == {"vendor"}
    assert all(item.settlement is None for item in data.items)
    text = pdf_text(render_pdf(schedule_html(fake)))
    flat = joined(text)
    assert "保険会社" not in flat and "備考" not in flat
    assert "④信用毀損1,000,000円" in layout_rows(pdf_text(render_pdf(schedule_html(fake)), layout=True))
    assert "損害額合計1,100,698円" in flat


def test_heads_claimed_from_the_vendor_with_the_new_fields_have_no_note() -> None:
    fake = FakeClaimsApi()
    claimant = plaintiff_one(fake)
    summary = fake.summaries[claimant["id"]]
    fake.summaries[claimant["id"]] = make_summary(
        claimant["id"],
        {row["head"]: row["amount"] for row in summary["heads"]},
        contract=1_001_698,
        unjust=99_000,
        total=1_100_698,
        insurer={},
    )
    assert {row["claimed_from"] for row in fake.summaries[claimant["id"]]["heads"]} == {"vendor"}
    html = schedule_html(fake)
    assert "保険会社" not in html and "備考" not in html


# ---- the note's figures: claims-api's, never added up here ------------------------------------------------


def head_total(**overrides: Any) -> HeadTotal:
    head, label, basis, _ = HEADS[4]  # その他実損
    values: dict[str, Any] = {"head": head, "label": label, "legal_basis": basis, "amount": 0, **overrides}
    return HeadTotal(**values)


def item(**overrides: Any) -> DamageItemSnapshot:
    return DamageItemSnapshot.model_validate(make_damage_item("other_loss", 27_500, **overrides))


def test_insurer_note_takes_the_loss_and_payment_from_the_summary_and_the_date_from_the_settlement() -> None:
    settled = item(claimed_from="insurer", settlement=make_settlement(22_000, "2026-10-15"))
    head = head_total(claimed_from="insurer", insurer_amount=27_500, insurer_paid=22_500)
    assert insurer_note(head, [settled]) == InsurerNote(amount=27_500, paid=22_500, paid_on=date(2026, 10, 15))
    # A summary without the payment: the settlement's amount.
    assert insurer_note(head_total(claimed_from="insurer", insurer_amount=27_500), [settled]) == InsurerNote(
        amount=27_500, paid=22_000, paid_on=date(2026, 10, 15)
    )
    # Paid per the summary but no settlement read: the payment without a date.
    unsettled = item(claimed_from="insurer")
    assert insurer_note(head, [unsettled]) == InsurerNote(amount=27_500, paid=22_500, paid_on=None)
    assert insurer_note(head_total(claimed_from="insurer", insurer_amount=27_500), [unsettled]) == InsurerNote(
        amount=27_500
    )
    assert insurer_note(head_total(amount=27_500), [item()]) is None


def test_a_payment_without_its_settlement_prints_without_a_date() -> None:
    fake = FakeClaimsApi()
    claimant = plaintiff_one_with_insurer(fake)
    fake.items[claimant["id"]] = [{**i, "settlement": None} for i in fake.items[claimant["id"]]]
    lines = docx_text(html_to_docx(schedule_html(fake))).splitlines()
    assert "保険会社が金2万2500円を支払済み（代位求償）" in lines
    assert not any("令和8年10月15日" in line for line in lines)
