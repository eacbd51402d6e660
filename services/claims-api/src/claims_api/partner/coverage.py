"""How the insurer's Q&A (seed 004) classifies a damage item: covered, not covered or to be reviewed, line by
line, and which of the documents the insurer asks for are among the exhibits.

The classification is what the Q&A implies, not the insurer's decision (A1: "個別の判断が必要"): A4 pays for the
direct response to the incident (notices, apology letters, reports to authorities, call centre, overtime for
incident response) and not for substituting the stopped system (manual payroll, substitute systems), in-hours
pay or managers without overtime allowance; A2/A3 cover liability to client companies case by case; A5 lists
the evidence for overtime. Pure functions: the caller loads the item and gathers its exhibits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from bengodan_common.japanese import yen_grouped
from claims_api.damages.compute import INPUT_MODELS, overtime_amount
from claims_api.damages.heads import DamageHead
from claims_api.damages.inputs import (
    OnpremCostInputs,
    OtherLossCategory,
    OtherLossInputs,
    OutsourcingLine,
    OvertimeLine,
    StaffCostInputs,
)

Classification = Literal["covered", "not_covered", "needs_review"]

COVERED: Classification = "covered"
NOT_COVERED: Classification = "not_covered"
NEEDS_REVIEW: Classification = "needs_review"

CLASSIFICATION_LABELS: dict[Classification, str] = {COVERED: "対象", NOT_COVERED: "対象外", NEEDS_REVIEW: "要確認"}


@dataclass(frozen=True)
class ExhibitInfo:
    """An exhibit linked to the item or in the head's slot of the claimant: 甲第3号証の2, its title, and
    whether a file was uploaded (only then is it evidence the insurer can see)."""

    label: str
    title: str
    has_file: bool


@dataclass(frozen=True)
class LineCoverage:
    index: int  # the line of the inputs; 0 for heads without lines and for the whole of a legacy item
    classification: Classification
    reason: str
    amount: int  # whole yen, the line's share of the item amount


@dataclass(frozen=True)
class EvidenceCheck:
    kind: str  # time_records | wage_ledger | task_logs | invoices
    label: str
    present: bool
    exhibits: tuple[str, ...]  # labels of the matching exhibits that have a file


@dataclass(frozen=True)
class Coverage:
    classification: Classification
    reason: str
    covered_amount: int
    not_covered_amount: int
    review_amount: int  # the three add up to the item amount
    lines: tuple[LineCoverage, ...]
    evidence: tuple[EvidenceCheck, ...]


# Reasons, citing the Q&A.
OVERTIME_INCIDENT = "Q&A A4: 事故対応のための従業員の超過勤務手当"
OVERTIME_MANAGER = "Q&A A4: 管理監督者は超過勤務手当が発生しないため対象外"
OVERTIME_SUBSTITUTE = "Q&A A4: 滞った業務の代替（手作業の給与計算等）の超過勤務手当は対象外"
OVERTIME_NO_PREMIUM = "Q&A A4: 割増率1（割増なし）。時間内給与なら対象外のため要確認"
OVERTIME_NO_TASK = "業務内容（事故対応か代替業務か）が未記録のため要確認（Q&A A4）"
OUTSOURCING_INCIDENT = "Q&A A4: 事故対応の外部委託費用（コールセンター委託等）"
OUTSOURCING_SUBSTITUTE = "Q&A A4: 滞った業務の代替のための外注費は対象外"
OUTSOURCING_NO_TASK = "委託内容（事故対応か代替業務か）が未記録のため要確認（Q&A A4）"
ONPREM = "Q&A A4: 代替システムの導入費用は対象外"
FEE_DIFFERENCE = "Q&Aに列挙のない自社の利用料の損失のため個別判断"
REPUTATION = "顧問先からの賠償請求に応じた部分は賠償責任として対象となり得る（Q&A A2・A3）。個別判断"
FEE_INCREASE_REFUND = "不当利得の返還請求で、保険の対象となる損害・費用ではない（提供会社にのみ請求）"
LEGACY = "明細の入力がない（金額のみの旧データ）ため個別判断"
UNREADABLE = "明細の入力を読み取れないため個別判断"

OTHER_LOSS: dict[OtherLossCategory | None, tuple[Classification, str]] = {
    "breach_notice": (COVERED, "Q&A A4: 顧客への個人情報漏えい通知の費用"),
    "apology": (COVERED, "Q&A A4: お詫び状作成の費用"),
    "authority_report": (COVERED, "Q&A A4: 公的機関への届出の費用"),
    "call_centre": (COVERED, "Q&A A4: コールセンター委託費用"),
    "system_migration": (NOT_COVERED, "Q&A A4: 代替システムの導入費用は対象外"),
    "client_compensation": (
        NEEDS_REVIEW,
        "顧問先への賠償は賠償責任として対象となり得る（Q&A A2・A3）。業務委託契約により個別判断",
    ),
    "cancellation": (NEEDS_REVIEW, "解約に伴う損失はQ&Aに列挙がないため個別判断"),
    "other": (NEEDS_REVIEW, "Q&Aに列挙のない費用のため個別判断"),
    None: (NEEDS_REVIEW, "費目が未分類のため要確認"),
}


@dataclass(frozen=True)
class _Evidence:
    kind: str
    label: str
    keywords: tuple[str, ...]  # any of these in the title
    ignore: tuple[str, ...] = ()  # removed from the title first (a 給与明細 is no invoice)


TIME_RECORDS = _Evidence("time_records", "勤怠記録", ("タイムカード", "勤怠", "出勤簿", "就労", "出退勤"))
WAGE_LEDGER = _Evidence("wage_ledger", "賃金台帳", ("賃金台帳", "給与明細", "給与計算", "時間単価"))
TASK_LOGS = _Evidence(
    "task_logs", "業務日報・タスク管理表", ("業務日報", "日報", "タスク", "作業記録", "業務記録", "対応記録")
)
INVOICES = _Evidence("invoices", "請求書・領収書", ("請求書", "領収書", "明細", "見積"), ignore=("給与明細",))

OVERTIME_EVIDENCE = (TIME_RECORDS, WAGE_LEDGER, TASK_LOGS)  # Q&A A5 (1)–(3)

# Without lines (legacy or unreadable inputs) we cannot tell overtime from outsourcing: ask for everything.
_EVIDENCE_WITHOUT_LINES: dict[DamageHead, tuple[_Evidence, ...]] = {
    DamageHead.staff_cost: (*OVERTIME_EVIDENCE, INVOICES),
    DamageHead.onprem_cost: (INVOICES,),
    DamageHead.other_loss: (INVOICES,),
}


def classify(*, head: str, inputs: dict[str, Any] | None, amount: int, exhibits: Sequence[ExhibitInfo]) -> Coverage:
    """The coverage of one damage item (`head`, stored `inputs`, computed `amount`) with the exhibits linked to it
    and the claimant's exhibits in the head's slot. Raises ValueError for an unknown head."""
    damage_head = DamageHead(head)
    lines, needed = _lines(damage_head, inputs, amount)
    total = sum(line.amount for line in lines)
    if total != amount:  # stale stored amount: keep the sums exact and say so
        lines = [
            LineCoverage(
                0,
                NEEDS_REVIEW,
                f"明細の合計（{yen_grouped(total)}）が損害額（{yen_grouped(amount)}）と一致しないため個別判断",
                amount,
            )
        ]
    classification, reason = _summary(lines)
    return Coverage(
        classification=classification,
        reason=reason,
        covered_amount=_sum(lines, COVERED),
        not_covered_amount=_sum(lines, NOT_COVERED),
        review_amount=_sum(lines, NEEDS_REVIEW),
        lines=tuple(lines),
        evidence=tuple(_check(evidence, exhibits) for evidence in needed),
    )


def _lines(
    head: DamageHead, inputs: dict[str, Any] | None, amount: int
) -> tuple[list[LineCoverage], tuple[_Evidence, ...]]:
    without_lines = _EVIDENCE_WITHOUT_LINES.get(head, ())
    if inputs is None:
        return [LineCoverage(0, NEEDS_REVIEW, LEGACY, amount)], without_lines
    try:
        parsed = INPUT_MODELS[head].model_validate(inputs)
    except ValidationError:
        return [LineCoverage(0, NEEDS_REVIEW, UNREADABLE, amount)], without_lines

    if isinstance(parsed, StaffCostInputs):
        lines = [_staff_line(index, line) for index, line in enumerate(parsed.lines)]
        needed: list[_Evidence] = []
        if any(isinstance(line, OvertimeLine) for line in parsed.lines):
            needed.extend(OVERTIME_EVIDENCE)
        if any(isinstance(line, OutsourcingLine) for line in parsed.lines):
            needed.append(INVOICES)
        return lines, tuple(needed)
    if isinstance(parsed, OnpremCostInputs):
        return [LineCoverage(i, NOT_COVERED, ONPREM, line.amount) for i, line in enumerate(parsed.lines)], (INVOICES,)
    if isinstance(parsed, OtherLossInputs):
        return [
            LineCoverage(index, *OTHER_LOSS[line.category], line.amount) for index, line in enumerate(parsed.lines)
        ], (INVOICES,)
    whole: dict[DamageHead, tuple[Classification, str]] = {
        DamageHead.fee_difference: (NEEDS_REVIEW, FEE_DIFFERENCE),
        DamageHead.reputation: (NEEDS_REVIEW, REPUTATION),
        DamageHead.fee_increase_refund: (NOT_COVERED, FEE_INCREASE_REFUND),
    }
    return [LineCoverage(0, *whole[head], amount)], ()


def _staff_line(index: int, line: OvertimeLine | OutsourcingLine) -> LineCoverage:
    if isinstance(line, OutsourcingLine):
        if line.task == "incident_response":
            return LineCoverage(index, COVERED, OUTSOURCING_INCIDENT, line.amount)
        if line.task == "substitute_work":
            return LineCoverage(index, NOT_COVERED, OUTSOURCING_SUBSTITUTE, line.amount)
        return LineCoverage(index, NEEDS_REVIEW, OUTSOURCING_NO_TASK, line.amount)

    amount = overtime_amount(line)
    not_covered = [
        reason
        for applies, reason in (
            (line.manager, OVERTIME_MANAGER),
            (line.task == "substitute_work", OVERTIME_SUBSTITUTE),
        )
        if applies
    ]
    if not_covered:
        return LineCoverage(index, NOT_COVERED, "／".join(not_covered), amount)
    review = [
        reason
        for applies, reason in (
            (line.task is None, OVERTIME_NO_TASK),
            (line.premium_rate <= 1, OVERTIME_NO_PREMIUM),
        )
        if applies
    ]
    if review:
        return LineCoverage(index, NEEDS_REVIEW, "／".join(review), amount)
    return LineCoverage(index, COVERED, OVERTIME_INCIDENT, amount)


def _summary(lines: Sequence[LineCoverage]) -> tuple[Classification, str]:
    classifications = {line.classification for line in lines}
    if len(classifications) == 1:
        reasons = dict.fromkeys(line.reason for line in lines)  # distinct, in order
        return classifications.pop(), "／".join(reasons)
    parts = []
    for classification in (COVERED, NOT_COVERED, NEEDS_REVIEW):
        count = sum(1 for line in lines if line.classification == classification)
        if count:
            label = CLASSIFICATION_LABELS[classification]
            parts.append(f"{label} {count}件 {yen_grouped(_sum(lines, classification))}")
    prefix = "一部対象外を含む" if NOT_COVERED in classifications else "一部要確認を含む"
    return NEEDS_REVIEW, f"{prefix}（{'、'.join(parts)}）。明細ごとの理由を参照"


def _sum(lines: Sequence[LineCoverage], classification: Classification) -> int:
    return sum(line.amount for line in lines if line.classification == classification)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _check(evidence: _Evidence, exhibits: Sequence[ExhibitInfo]) -> EvidenceCheck:
    found: dict[str, None] = {}
    for exhibit in exhibits:
        if not exhibit.has_file:
            continue
        title = _normal(exhibit.title)
        for ignored in evidence.ignore:
            title = title.replace(_normal(ignored), "")
        if any(_normal(keyword) in title for keyword in evidence.keywords):
            found[exhibit.label] = None
    return EvidenceCheck(evidence.kind, evidence.label, bool(found), tuple(found))
