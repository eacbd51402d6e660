"""The amount of a damage item and its 計算式, computed from the head's inputs; whole yen, truncated per line.

Pure functions: the caller passes the case facts (`Context`); problems with the inputs are collected and raised
together as one 422 naming every field, so the office's form can be fixed in one pass.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from bengodan_common.errors import AppError, FieldError
from bengodan_common.japanese import era_date, yen_grouped
from claims_api.damages.heads import DamageHead
from claims_api.damages.inputs import (
    FeeDifferenceInputs,
    FeeIncreaseRefundInputs,
    HeadInputs,
    OnpremCostInputs,
    OtherLossInputs,
    OvertimeLine,
    ReputationInputs,
    StaffCostInputs,
)

# No single head of one office comes near this; a larger total is a typing error.
MAX_ITEM_AMOUNT = 1_000_000_000


@dataclass(frozen=True)
class Context:
    incident_date: date
    today: date  # in Japan
    reputation_amount: int  # the case's fixed sum per claimant
    service_usable_on: date | None = None  # the claimant's 利用可能になった日


@dataclass(frozen=True)
class Computed:
    amount: int
    formula: str


@dataclass
class _Problems:
    errors: list[FieldError] = field(default_factory=list)

    def add(self, path: str, reason: str) -> None:
        self.errors.append(FieldError(field=f"inputs.{path}", reason=reason))

    def check_date(self, path: str, value: date | None, ctx: Context) -> None:
        if value is None:
            return
        if value < ctx.incident_date:
            self.add(path, f"{value.isoformat()} is before the incident on {ctx.incident_date.isoformat()}")
        elif value > ctx.today:
            self.add(path, f"{value.isoformat()} is in the future")

    def raise_any(self) -> None:
        if self.errors:
            detail = "; ".join(f"{e.field}: {e.reason}" for e in self.errors)
            raise AppError(422, "validation-error", "Invalid input", detail, errors=self.errors)


def compute(head: DamageHead, inputs: HeadInputs, ctx: Context) -> Computed:
    computer: Callable[[Any, Context, _Problems], Computed] = _COMPUTERS[head]
    problems = _Problems()
    result = computer(inputs, ctx, problems)
    if result.amount > MAX_ITEM_AMOUNT:
        problems.add("lines", f"the total {yen_grouped(result.amount)} is above {yen_grouped(MAX_ITEM_AMOUNT)}")
    problems.raise_any()
    return result


def _number(value: Decimal) -> str:
    """12.50 -> '12.5', 2 -> '2' (no exponent)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def _period(first: date, last: date) -> str:
    return era_date(first) if first == last else f"{era_date(first)}～{era_date(last)}"


def _era_month(year: int, month: int) -> str:
    """令和5年7月."""
    return era_date(date(year, month, 1)).removesuffix("1日")


def _total_line(amount: int, note: str = "") -> str:
    return f"合計 {yen_grouped(amount)}{note}"


def overtime_amount(line: OvertimeLine) -> int:
    """One overtime line in whole yen: hours × hourly rate × premium, truncated (the line's share of the item)."""
    return _floor(line.hours * line.hourly_rate * line.premium_rate)


def _staff_cost(inputs: StaffCostInputs, ctx: Context, problems: _Problems) -> Computed:
    lines: list[str] = []
    total = 0
    for index, line in enumerate(inputs.lines):
        if isinstance(line, OvertimeLine):
            problems.check_date(f"lines.{index}.date_from", line.date_from, ctx)
            problems.check_date(f"lines.{index}.date_to", line.date_to, ctx)
            amount = overtime_amount(line)
            role = "（管理監督者）" if line.manager else ""
            lines.append(
                f"{line.person}{role}: {_number(line.hours)}時間 × 時給{yen_grouped(line.hourly_rate)}"
                f" × 割増率{_number(line.premium_rate)} = {yen_grouped(amount)}"
                f"（{_period(line.date_from, line.date_to)}）"
            )
        else:
            problems.check_date(f"lines.{index}.invoiced_on", line.invoiced_on, ctx)
            amount = line.amount
            what = f" {line.description}" if line.description else ""
            lines.append(f"外注費 {line.vendor}{what}（{era_date(line.invoiced_on)}請求）: {yen_grouped(amount)}")
        total += amount
    truncation = "（各行の円未満切捨て）" if any(isinstance(line, OvertimeLine) for line in inputs.lines) else ""
    return Computed(total, "\n".join([*lines, _total_line(total, truncation)]))


def _onprem_cost(inputs: OnpremCostInputs, ctx: Context, problems: _Problems) -> Computed:
    lines = []
    for index, line in enumerate(inputs.lines):
        problems.check_date(f"lines.{index}.issued_on", line.issued_on, ctx)
        number = f" No.{line.invoice_number}" if line.invoice_number else ""
        what = f" {line.description}" if line.description else ""
        lines.append(f"{line.issuer}{number}{what}（{era_date(line.issued_on)}）: {yen_grouped(line.amount)}")
    total = sum(line.amount for line in inputs.lines)
    return Computed(total, "\n".join([*lines, _total_line(total)]))


def _fee_difference(inputs: FeeDifferenceInputs, ctx: Context, problems: _Problems) -> Computed:
    start = inputs.unusable_from or ctx.incident_date
    usable_on = inputs.usable_on or ctx.service_usable_on
    problems.check_date("unusable_from", start, ctx)
    if usable_on is None:
        problems.add("usable_on", "the date the service became usable for this office is needed")
        problems.raise_any()
    assert usable_on is not None
    if usable_on > ctx.today:
        problems.add("usable_on", f"{usable_on.isoformat()} is in the future")
    if usable_on <= start:
        problems.add("usable_on", f"must be after the first unusable day {start.isoformat()}")
    problems.raise_any()

    last = usable_on - timedelta(days=1)
    lines = [f"利用不能期間 {_period(start, last)}（利用可能になった日 {era_date(usable_on)}）"]
    total = 0
    year, month = start.year, start.month
    while date(year, month, 1) <= last:
        days_in_month = calendar.monthrange(year, month)[1]
        first_day = max(start, date(year, month, 1))
        last_day = min(last, date(year, month, days_in_month))
        days = (last_day - first_day).days + 1
        label = f"{_era_month(year, month)}分"
        if f"{year:04d}-{month:02d}" in inputs.unbilled_months:
            lines.append(f"{label}: 請求されていないため対象外（{days}日）")
        else:
            amount = inputs.monthly_fee * days // days_in_month
            total += amount
            lines.append(
                f"{label}: 月額{yen_grouped(inputs.monthly_fee)} × {days}日 ÷ {days_in_month}日 = {yen_grouped(amount)}"
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    lines.append(_total_line(total, "（月ごとの日割り、円未満切捨て）"))
    return Computed(total, "\n".join(lines))


def _reputation(inputs: ReputationInputs, ctx: Context, problems: _Problems) -> Computed:
    formula = f"1人あたり {yen_grouped(ctx.reputation_amount)}（信用毀損を基礎づける事実は別記のとおり）"
    if inputs.lost_clients:
        formula += f"\n契約を解除された顧問先 {inputs.lost_clients}件"
    return Computed(ctx.reputation_amount, formula)


def _other_loss(inputs: OtherLossInputs, ctx: Context, problems: _Problems) -> Computed:
    lines = []
    for index, line in enumerate(inputs.lines):
        problems.check_date(f"lines.{index}.occurred_on", line.occurred_on, ctx)
        when = f"（{era_date(line.occurred_on)}）" if line.occurred_on else ""
        lines.append(f"{line.description}{when}: {yen_grouped(line.amount)}")
    total = sum(line.amount for line in inputs.lines)
    return Computed(total, "\n".join([*lines, _total_line(total)]))


def _fee_increase_refund(inputs: FeeIncreaseRefundInputs, ctx: Context, problems: _Problems) -> Computed:
    year, month = (int(part) for part in inputs.first_month.split("-"))
    if date(year, month, 1) < ctx.incident_date.replace(day=1):
        problems.add("first_month", f"{inputs.first_month} is before the incident")
    last_index = year * 12 + month - 1 + inputs.months - 1
    last_year, last_month = divmod(last_index, 12)
    last_month += 1
    if date(last_year, last_month, 1) > ctx.today:
        problems.add("months", f"{inputs.months} months from {inputs.first_month} run past this month")
    problems.raise_any()
    increase = inputs.new_fee - inputs.old_fee
    amount = increase * inputs.months
    months = _era_month(year, month) + "分"
    if inputs.months > 1:
        months += f"～{_era_month(last_year, last_month)}分"
    formula = (
        f"（値上げ後の月額{yen_grouped(inputs.new_fee)} − 値上げ前の月額{yen_grouped(inputs.old_fee)}）"
        f" × {inputs.months}か月（{months}） = {yen_grouped(amount)}"
    )
    return Computed(amount, formula)


_COMPUTERS: dict[DamageHead, Callable[[Any, Context, _Problems], Computed]] = {
    DamageHead.staff_cost: _staff_cost,
    DamageHead.onprem_cost: _onprem_cost,
    DamageHead.fee_difference: _fee_difference,
    DamageHead.reputation: _reputation,
    DamageHead.other_loss: _other_loss,
    DamageHead.fee_increase_refund: _fee_increase_refund,
}

INPUT_MODELS: dict[DamageHead, type[HeadInputs]] = {
    DamageHead.staff_cost: StaffCostInputs,
    DamageHead.onprem_cost: OnpremCostInputs,
    DamageHead.fee_difference: FeeDifferenceInputs,
    DamageHead.reputation: ReputationInputs,
    DamageHead.other_loss: OtherLossInputs,
    DamageHead.fee_increase_refund: FeeIncreaseRefundInputs,
}
