"""One row of the claimant file into a `ClaimantCreate` and its damage items, through the API's own schemas
and `damages.compute` (no money rule is re-implemented here); every problem as (row, column, reason).

Pure: what needs the database (the case, the claimant rules) comes in a `RowContext`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ValidationError

from bengodan_common.errors import AppError
from claims_api.claimants.schemas import ClaimantCreate
from claims_api.damages.compute import Context, compute
from claims_api.damages.heads import DamageHead
from claims_api.damages.inputs import HeadInputs
from claims_api.damages.schemas import (
    FeeDifferenceItem,
    FeeIncreaseRefundItem,
    OnpremCostItem,
    OtherLossItem,
    ReputationItem,
    StaffCostItem,
)
from claims_api.transfer import values
from claims_api.transfer.columns import (
    BY_FIELD,
    BY_KEY,
    CHOICES,
    CLAIMANT_COLUMNS,
    DAMAGE_COLUMNS,
    DEFAULT_PERSON,
    HEAD_LABELS,
    INSURED,
    NOT_INSURED,
    Column,
    Kind,
    column_for_header,
    head_columns,
)
from claims_api.transfer.values import BadValue, Cell


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    reason: str


@dataclass(frozen=True)
class ParsedItem:
    head: DamageHead
    inputs: HeadInputs  # stored as given, as `damages.service` stores them (defaults follow the claimant)
    amount: int
    formula: str
    declared_amount: int | None
    facts: str


@dataclass
class ParsedRow:
    row: int
    claimant: ClaimantCreate | None = None
    items: list[ParsedItem] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class RowContext:
    case_id: int
    incident_date: date
    today: date
    reputation_amount: int
    defendant_name: str
    # the claimant rules across fields, as the API applies them (raises AppError naming the field)
    check_claimant: Callable[[ClaimantCreate], None] = lambda _: None


# --- header ----------------------------------------------------------------------------------------------

Layout = list[Column | None]  # the column of each position of the file; None: a blank header


def match_header(header: Sequence[Cell]) -> tuple[Layout, list[RowError]]:
    """The column of each header cell; unknown, repeated and missing required columns as errors of row 1."""
    layout: Layout = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        if values.is_blank(cell):
            layout.append(None)
            continue
        typed = str(cell).strip()
        column: Column | None = column_for_header(typed)
        letter = get_column_letter(index + 1)
        if column is None:
            errors.append(RowError(1, typed, f"unknown column (column {letter}); use the column names of the template"))
        elif column.key in seen:
            first = get_column_letter(seen[column.key] + 1)
            errors.append(RowError(1, column.header, f"the column appears twice (columns {first} and {letter})"))
            column = None
        else:
            seen[column.key] = index
        layout.append(column)
    for column in CLAIMANT_COLUMNS:
        if column.required and column.key not in seen:
            errors.append(RowError(1, column.header, "required column is missing"))
    if errors and not seen:
        errors.insert(
            0,
            RowError(1, None, "no column of the template found in row 1: is this the template, as CSV or XLSX?"),
        )
    return layout, errors


# --- rows ------------------------------------------------------------------------------------------------


def _parse_cell(column: Column, raw: Cell) -> Any:
    kind = column.kind
    if kind is Kind.text:
        return values.text(raw)
    if kind is Kind.multiline:
        return values.text(raw, multiline=True)
    if kind is Kind.registration_no:
        return values.digits(raw, length=8)
    if kind is Kind.choice:
        return CHOICES[column.field].parse(raw)
    if kind is Kind.yes_no:
        return values.yes_no(raw)
    if kind is Kind.insured:
        return values.yes_no(raw, yes=INSURED, no=NOT_INSURED)
    if kind is Kind.date:
        return values.parse_date(raw)
    if kind is Kind.integer:
        return values.integer(raw)
    if kind is Kind.decimal:
        return values.decimal(raw)
    if kind is Kind.percent:
        return values.decimal(raw, percent=True)
    if kind is Kind.months:
        return values.parse_months(raw)
    if kind is Kind.month:
        return values.parse_month(raw)
    raise AssertionError(kind)  # pragma: no cover


def _reason(error: Any) -> str:
    if error.get("type") == "missing":
        return "required"
    message = str(error.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


class _Row:
    """The cells of one row by column key, parsed once; errors collected per column (one reason each)."""

    def __init__(self, number: int, layout: Layout, cells: Sequence[Cell]) -> None:
        self.number = number
        self.raw: dict[str, Cell] = {}
        for index, column in enumerate(layout):
            if column is not None and index < len(cells) and not values.is_blank(cells[index]):
                self.raw[column.key] = cells[index]
        self.errors: list[RowError] = []
        self.bad: set[str] = set()  # column keys with an error already
        for index in range(len(layout), len(cells)):
            if not values.is_blank(cells[index]):
                letter = get_column_letter(index + 1)
                self.fail(f"column {letter}", "has a value but no column name in row 1")
                break
        for index, column in enumerate(layout):
            if column is None and index < len(cells) and not values.is_blank(cells[index]):
                letter = get_column_letter(index + 1)
                self.fail(f"column {letter}", "has a value but no column name in row 1")
        self.parsed: dict[str, Any] = {}
        for key, raw in self.raw.items():
            column = BY_KEY[key]
            try:
                self.parsed[key] = _parse_cell(column, raw)
            except BadValue as exc:
                self.fail(column.header, str(exc), key)

    def fail(self, column: str | None, reason: str, key: str | None = None) -> None:
        if key is not None:
            if key in self.bad:
                return
            self.bad.add(key)
        self.errors.append(RowError(self.number, column, reason))

    def fail_key(self, key: str, reason: str) -> None:
        self.fail(BY_KEY[key].header, reason, key)

    def has_any(self, keys: Sequence[str]) -> bool:
        return any(key in self.raw for key in keys)


def parse_row(number: int, cells: Sequence[Cell], layout: Layout, ctx: RowContext) -> ParsedRow:
    row = _Row(number, layout, cells)
    result = ParsedRow(row=number)
    result.claimant = _claimant(row, ctx)
    usable_on = result.claimant.service_usable_on if result.claimant else row.parsed.get("service_usable_on")
    item_ctx = Context(
        incident_date=ctx.incident_date,
        today=ctx.today,
        reputation_amount=ctx.reputation_amount,
        service_usable_on=usable_on,
    )
    for head in DamageHead:
        item = _item(row, head, item_ctx, ctx)
        if item is not None:
            result.items.append(item)
    result.errors = row.errors
    return result


_CLAIMANT_KEYS = frozenset(c.key for c in CLAIMANT_COLUMNS)


def _claimant(row: _Row, ctx: RowContext) -> ClaimantCreate | None:
    data: dict[str, Any] = {"case_id": ctx.case_id}
    for column in CLAIMANT_COLUMNS:
        if column.key == "number":
            continue
        if column.key in row.parsed:
            data[column.key] = row.parsed[column.key]
        elif column.required and column.key not in row.bad:
            row.fail_key(column.key, "required")
    try:
        claimant = ClaimantCreate.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            if key not in BY_FIELD:
                row.fail(None, _reason(error))
            elif key not in row.bad:
                row.fail_key(key, _reason(error))
        return None
    if not row.bad.isdisjoint(_CLAIMANT_KEYS):
        return None
    try:
        ctx.check_claimant(claimant)
    except AppError as exc:
        for field_error in exc.errors or []:
            if field_error.field in BY_FIELD:
                row.fail_key(field_error.field, field_error.reason)
            else:
                row.fail(None, field_error.reason)
        return None
    return claimant


# --- damage items ----------------------------------------------------------------------------------------

_ITEM_MODELS: dict[DamageHead, type[BaseModel]] = {
    DamageHead.staff_cost: StaffCostItem,
    DamageHead.onprem_cost: OnpremCostItem,
    DamageHead.fee_difference: FeeDifferenceItem,
    DamageHead.reputation: ReputationItem,
    DamageHead.other_loss: OtherLossItem,
    DamageHead.fee_increase_refund: FeeIncreaseRefundItem,
}
_UNION_TAGS = {"overtime", "outsourcing"}
_OVERTIME = ("person", "date_from", "date_to", "hours", "hourly_rate", "premium_rate")
_OUTSOURCING = ("vendor", "amount", "invoiced_on")
# Columns that qualify a head's inputs but are no input to compute from: alone they make no item.
_QUALIFIERS = ("declared_amount", "facts", "task", "category")


_KEYS: dict[tuple[DamageHead, str], str] = {(c.head, c.field): c.key for c in DAMAGE_COLUMNS if c.head is not None}
_NAMES: dict[DamageHead, list[tuple[str, str]]] = {
    head: [(c.field, c.key) for c in head_columns(head)] for head in DamageHead
}


def _key(head: DamageHead, name: str) -> str:
    return _KEYS[(head, name)]


def _inputs(row: _Row, head: DamageHead, ctx: RowContext) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The head's inputs from the row, and which column each input path came from; None: nothing usable."""
    parsed = row.parsed
    p = {name: parsed[key] for name, key in _NAMES[head] if key in parsed}
    paths: dict[str, str] = {}

    def source(path: str, name: str) -> None:
        paths[path] = _key(head, name)

    if head is DamageHead.staff_cost:
        lines: list[dict[str, Any]] = []
        if row.has_any([_key(head, n) for n in _OVERTIME]):
            i = len(lines)
            lines.append(
                {"kind": "overtime", "person": p.get("person", DEFAULT_PERSON)}
                | {n: p[n] for n in (*_OVERTIME[1:], "task") if n in p}
            )
            for name in (*_OVERTIME, "task"):
                source(f"inputs.lines.{i}.{name}", name)
            source(f"inputs.lines.{i}", "date_to")
        if row.has_any([_key(head, n) for n in _OUTSOURCING]):
            i = len(lines)
            lines.append({"kind": "outsourcing"} | {n: p[n] for n in (*_OUTSOURCING, "task") if n in p})
            for name in (*_OUTSOURCING, "task"):
                source(f"inputs.lines.{i}.{name}", name)
            source(f"inputs.lines.{i}", "amount")
        if not lines:
            return None
        source("inputs.lines", "hours" if len(lines) == 1 and lines[0]["kind"] == "overtime" else "amount")
        return {"lines": lines}, paths
    if head is DamageHead.onprem_cost:
        if not row.has_any([_key(head, n) for n in ("amount", "issued_on", "issuer")]):
            return None
        line = {"issuer": p.get("issuer", ctx.defendant_name)} | {n: p[n] for n in ("issued_on", "amount") if n in p}
        for name in ("issuer", "issued_on", "amount"):
            source(f"inputs.lines.0.{name}", name)
        source("inputs.lines", "amount")
        return {"lines": [line]}, paths
    if head is DamageHead.fee_difference:
        if not row.has_any([_key(head, n) for n in ("monthly_fee", "unbilled_months")]):
            return None
        incident_month = f"{ctx.incident_date.year:04d}-{ctx.incident_date.month:02d}"
        inputs = {"monthly_fee": p.get("monthly_fee"), "unbilled_months": p.get("unbilled_months", [incident_month])}
        if inputs["monthly_fee"] is None:
            del inputs["monthly_fee"]
        source("inputs.monthly_fee", "monthly_fee")
        source("inputs.unbilled_months", "unbilled_months")
        source("inputs.unusable_from", "monthly_fee")
        paths["inputs.usable_on"] = "service_usable_on"
        return inputs, paths
    if head is DamageHead.reputation:
        claim = p.get("claim")
        others = [_key(head, n) for n in ("lost_clients", "declared_amount", "facts")]
        if claim is False:
            if row.has_any(others):
                row.fail_key(_key(head, "claim"), f"is {values.NO} but other 信用毀損 columns are filled")
            return None
        if claim is None and not row.has_any(others):
            return None
        source("inputs.lost_clients", "lost_clients")
        return ({"lost_clients": p["lost_clients"]} if "lost_clients" in p else {}), paths
    if head is DamageHead.other_loss:
        if not row.has_any([_key(head, n) for n in ("description", "occurred_on", "amount")]):
            return None
        line = {n: p[n] for n in ("description", "occurred_on", "amount", "category") if n in p}
        for name in ("description", "occurred_on", "amount", "category"):
            source(f"inputs.lines.0.{name}", name)
        source("inputs.lines", "amount")
        return {"lines": [line]}, paths
    names = ("old_fee", "new_fee", "first_month", "months")
    if not row.has_any([_key(head, n) for n in names]):
        return None
    for name in names:
        source(f"inputs.{name}", name)
    source("inputs", "new_fee")
    return {n: p[n] for n in names if n in p}, paths


def _column_of(path: str, paths: dict[str, str], fallback: str) -> str:
    parts = path.split(".")
    while parts:
        key = paths.get(".".join(parts))
        if key is not None:
            return key
        parts.pop()
    return fallback


_HEAD_KEYS: dict[DamageHead, list[str]] = {head: [key for _, key in _NAMES[head]] for head in DamageHead}


def _item(row: _Row, head: DamageHead, item_ctx: Context, ctx: RowContext) -> ParsedItem | None:
    columns = _HEAD_KEYS[head]
    if not row.has_any(columns):
        return None
    found = _inputs(row, head, ctx)
    first_bad = next((k for k in columns if k in row.bad), None)
    if found is None:
        # Only 申告額, 事実, 業務内容 or 区分 filled (信用毀損 with いいえ is no item, and its own error if need be).
        filled = [k for k in columns if k in row.raw and BY_KEY[k].field in _QUALIFIERS]
        if first_bad is None and filled and _KEYS.get((head, "claim")) not in row.raw:
            needed = [c.header for c in head_columns(head) if c.field not in (*_QUALIFIERS, "claim")]
            row.fail_key(filled[0], f"{HEAD_LABELS[head]} has no inputs to compute it from; fill {', '.join(needed)}")
        return None
    inputs, paths = found
    fallback = next(iter(paths.values()), columns[0])
    if first_bad is not None:
        return None  # the cell errors are reported; the item cannot be computed without those cells
    p = row.parsed
    data: dict[str, Any] = {"head": head.value, "inputs": inputs, "facts": p.get(_key(head, "facts"), "")}
    if _key(head, "declared_amount") in p:
        data["declared_amount"] = p[_key(head, "declared_amount")]
    paths["facts"] = _key(head, "facts")
    paths["declared_amount"] = _key(head, "declared_amount")
    try:
        item: Any = _ITEM_MODELS[head].model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"] if part not in _UNION_TAGS)
            row.fail_key(_column_of(path, paths, fallback), _reason(error))
        return None
    try:
        computed = compute(head, item.inputs, item_ctx)
    except AppError as exc:
        for field_error in exc.errors or []:
            row.fail_key(_column_of(field_error.field, paths, fallback), field_error.reason)
        return None
    return ParsedItem(
        head=head,
        inputs=item.inputs,
        amount=computed.amount,
        formula=computed.formula,
        declared_amount=item.declared_amount,
        facts=item.facts,
    )
