"""Import of claimants with their damage items from a file, and the exports (claimants, claim table).

An import is one transaction: every row is read and validated first (with the API's schemas, claimant rules
and `damages.compute`), duplicates are searched for the whole file at once, and then the valid rows are
inserted in bulk (a handful of statements, whatever the number of rows). With errors and mode=all nothing is
written. Traceability: one audit event `claimant.import` per import (counts, the file's SHA-256 and every
created claimant id), and each created claimant's first stage-history entry names the import (actor, time,
file hash), so the claimant's own history says where it came from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table as SqlTable
from sqlalchemy import func, insert, or_, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, FieldError, Invalid
from bengodan_common.japanese import TOKYO
from claims_api.audit import service as audit
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.cases.service import get_case
from claims_api.changes import recorder as changes
from claims_api.claim_table import service as claim_table_service
from claims_api.claimants import service as claimants_service
from claims_api.claimants.models import Claimant, ClaimantDuplicateFlag, ClaimantStageChange
from claims_api.claimants.schemas import ClaimantCreate
from claims_api.claimants.stages import STAGE_LABELS, Stage
from claims_api.damages.heads import HEADS, DamageHead, LegalBasis
from claims_api.damages.models import DamageItem
from claims_api.transfer import columns as cols
from claims_api.transfer import duplicates
from claims_api.transfer.readers import FileProblem, Table, read_table
from claims_api.transfer.rows import ParsedRow, RowContext, RowError, match_header, parse_row
from claims_api.transfer.schemas import (
    CsvEncoding,
    ExportFormat,
    ImportDuplicate,
    ImportedRow,
    ImportMode,
    ImportReport,
    ImportRowError,
)
from claims_api.transfer.values import NO, YES
from claims_api.transfer.writers import (
    CellKind,
    EncodingProblem,
    Sheet,
    write_csv,
    write_template_xlsx,
    write_xlsx,
)

MAX_ERRORS_LISTED = 1_000

Progress = Callable[[int, int], None]


# --- import ----------------------------------------------------------------------------------------------


def _check_claimant(session: Session, data: ClaimantCreate) -> None:
    """The API's rules across claimant fields (insurance plan, restart date), as `claimants.service.create`
    applies them; the case is already in the session, so no query per row. (`model_construct`: building a
    table object with validation costs a millisecond a row, and `data` is already validated.)"""
    claimants_service._check_rules(session=session, claimant=Claimant.model_construct(**data.model_dump()))


def _field(error: ImportRowError) -> str:
    return f"row {error.row}: {error.column}" if error.column else f"row {error.row}"


def _refuse(report: ImportReport, title: str, detail: str) -> AppError:
    return AppError(
        422,
        "import-invalid",
        title,
        detail,
        errors=[FieldError(field=_field(e), reason=e.reason) for e in report.errors],
        extensions={"report": report.model_dump(mode="json")},
    )


def _existing(session: Session, case_id: int) -> list[duplicates.Existing]:
    rows = session.execute(
        sa_select(
            col(Claimant.id),
            col(Claimant.registration_no),
            col(Claimant.email),
            col(Claimant.name),
            col(Claimant.address),
        ).where(col(Claimant.case_id) == case_id)
    ).all()
    return [duplicates.Existing(cid, reg, email, name, address) for cid, reg, email, name, address in rows]


@dataclass
class _Checked:
    table: Table
    parsed: list[ParsedRow]
    errors: list[RowError]
    valid: list[ParsedRow]
    matches: list[duplicates.Match]


def _check(session: Session, case: Case, table: Table, progress: Progress | None) -> _Checked:
    layout, header_errors = match_header(table.header)
    if header_errors:
        return _Checked(table, [], header_errors, [], [])
    ctx = RowContext(
        case_id=case.id or 0,
        incident_date=case.incident_date,
        today=claimants_service.today(),
        reputation_amount=case.reputation_amount,
        defendant_name=case.defendant_name,
        check_claimant=lambda data: _check_claimant(session, data),
    )
    parsed: list[ParsedRow] = []
    for number, cells in table.rows:
        parsed.append(parse_row(number, cells, layout, ctx))
        if progress is not None:
            progress(len(parsed), len(table.rows))
    by_row = {p.row: p for p in parsed}
    incoming = [
        duplicates.Incoming(p.row, c.registration_no, c.email, c.name, c.address)
        for p in parsed
        if (c := p.claimant) is not None
    ]
    found = duplicates.find(_existing(session, case.id or 0), incoming)
    header = cols.BY_KEY["registration_no"].header
    for clash in found.clashes:
        if clash.other_claimant_ids:
            ids = ", ".join(str(i) for i in clash.other_claimant_ids)
            reason = f"{clash.registration_no} is already registered in this case (claimant {ids}); not imported twice"
        else:
            reason = f"{clash.registration_no} is also on row {clash.other_row}; one 社労士 is one claimant"
        by_row[clash.row].errors.append(RowError(clash.row, header, reason))
    valid = [p for p in parsed if not p.errors and p.claimant is not None]
    valid_rows = {p.row for p in valid}
    matches = [m for m in found.matches if m.row in valid_rows and (m.other_row is None or m.other_row in valid_rows)]
    errors = [e for p in parsed for e in p.errors]
    return _Checked(table, parsed, errors, valid, matches)


def import_claimants(
    *,
    session: Session,
    case_id: int,
    content: bytes,
    file_name: str | None,
    mode: ImportMode,
    dry_run: bool,
    actor: Principal,
    progress: Progress | None = None,
) -> ImportReport:
    """Read, validate and (unless `dry_run`) import the file; the report either way. Errors with mode=all
    (and any file-level problem) are a 422 problem carrying the errors and the report. `progress` is told
    (rows validated, rows in the file) after each row."""
    case = get_case(session=session, case_id=case_id)
    sha256 = hashlib.sha256(content).hexdigest()
    try:
        table = read_table(content)
    except FileProblem as exc:
        raise Invalid("file", str(exc)) from exc
    checked = _check(session, case, table, progress)
    report = ImportReport(
        case_id=case_id,
        file_name=file_name,
        format=table.format,
        encoding=table.encoding,
        sha256=sha256,
        mode=mode,
        dry_run=dry_run,
        rows_read=len(table.rows),
        rows_valid=len(checked.valid),
        rows_imported=0,
        items_imported=0,
        imported=[],
        error_count=len(checked.errors),
        errors=[ImportRowError(row=e.row, column=e.column, reason=e.reason) for e in checked.errors][
            :MAX_ERRORS_LISTED
        ],
        duplicates=[
            ImportDuplicate(
                row=m.row,
                claimant_id=None,
                other_row=m.other_row,
                other_claimant_id=m.other_claimant_id,
                reasons=m.reasons,
            )
            for m in checked.matches
        ],
    )
    rows_with_errors = len({e.row for e in checked.errors})
    if not checked.parsed and checked.errors:
        raise _refuse(report, "The file's columns do not match the template", "Row 1: " + checked.errors[0].reason)
    if dry_run:
        return report
    if checked.errors and mode is ImportMode.all:
        raise _refuse(
            report,
            "The file has errors; nothing was imported",
            f"{len(checked.errors)} error(s) in {rows_with_errors} row(s); fix them, or import with "
            "mode=valid_only to take only the valid rows",
        )
    return _store(session, case, checked, report, actor)


def _table(model: type[SQLModel]) -> SqlTable:
    """The Core table: bulk rows go in as one executemany (the ORM's bulk path costs a third more here, and
    splits the batch wherever the pattern of None values changes)."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


def _insert_claimants(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert in one batch; the new ids in the order of `rows`.

    PostgreSQL: the ids are taken from the table's sequence first (one query), then the rows go in with them
    (RETURNING in parameter order costs SQLAlchemy a sorted INSERT … SELECT, twice as slow). SQLite cannot
    promise the order of RETURNING; there the rows go in by one executemany, one after the other, while this
    transaction holds SQLite's only write lock, so they take the highest ids, in order."""
    plain = insert(_table(Claimant))
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            session.execute(
                text("SELECT nextval(pg_get_serial_sequence('claimants', 'id')) FROM generate_series(1, :n)"),
                {"n": len(rows)},
            ).scalars()
        )
        session.execute(plain, [row | {"id": cid} for row, cid in zip(rows, ids, strict=True)])
        return ids
    session.execute(plain, rows)
    newest = session.exec(select(Claimant.id).order_by(col(Claimant.id).desc()).limit(len(rows))).all()
    ids = [cid for cid in reversed(newest) if cid is not None]
    if len(ids) != len(rows):  # pragma: no cover - only if the table lost rows under us
        raise RuntimeError("the inserted claimants cannot be found")
    return ids


def _store(session: Session, case: Case, checked: _Checked, report: ImportReport, actor: Principal) -> ImportReport:
    now = utcnow()
    valid = checked.valid
    ids: list[int] = []
    if valid:
        claimant_rows = [
            (p.claimant.model_dump(mode="python") if p.claimant else {})
            | {"stage": Stage.intake.value, "created_at": now, "updated_at": now}
            for p in valid
        ]
        ids = _insert_claimants(session, claimant_rows)
        changes.note_claimants(session, ids)  # Core inserts: the change feed is told directly
    id_of = {p.row: cid for p, cid in zip(valid, ids, strict=True)}
    note = f"一括取込（{checked.table.format.upper()}、SHA-256 {report.sha256[:12]}）"
    items = [
        {
            "claimant_id": id_of[p.row],
            "head": item.head.value,
            "inputs": item.inputs.model_dump(mode="json"),
            "amount": item.amount,
            "formula": item.formula,
            "declared_amount": item.declared_amount,
            "facts": item.facts,
            "created_at": now,
            "updated_at": now,
        }
        for p in valid
        for item in p.items
    ]
    flags = [
        {
            "claimant_id": id_of[m.row],
            "other_id": m.other_claimant_id if m.other_claimant_id is not None else id_of[m.other_row or 0],
            "reasons": ",".join(m.reasons),
            "created_at": now,
        }
        for m in checked.matches
    ]
    stage_changes = [
        {"claimant_id": cid, "from_stage": None, "to_stage": Stage.intake.value, "at": now, "actor": actor.sub}
        | {"note": note}
        for cid in ids
    ]
    for model, rows in ((DamageItem, items), (ClaimantDuplicateFlag, flags), (ClaimantStageChange, stage_changes)):
        if rows:
            session.execute(insert(_table(model)), rows)
    report.rows_imported = len(ids)
    report.items_imported = len(items)
    report.imported = [ImportedRow(row=p.row, claimant_id=id_of[p.row], items=len(p.items)) for p in valid]
    for duplicate in report.duplicates:
        duplicate.claimant_id = id_of[duplicate.row]
    audit.record(
        session=session,
        actor=actor,
        action="claimant.import",
        entity="case",
        entity_id=case.id,
        detail={
            "file_sha256": report.sha256,
            "format": report.format,
            "encoding": report.encoding,
            "mode": report.mode.value,
            "rows_read": report.rows_read,
            "rows_imported": report.rows_imported,
            "rows_skipped": report.rows_read - report.rows_imported,
            "items_imported": report.items_imported,
            "duplicate_flags": len(flags),
            "claimant_ids": ids,
        },
    )
    return report


# --- template --------------------------------------------------------------------------------------------

DATA_SHEET = "原告一覧"
NOTES_SHEET = "記入要領"
_GENERAL_NOTES = [
    "1行目は列名です（列の順序は自由、不要な任意列は削除できます）。2行目から1行に1名を記入します。",
    "損害の各費目は、その費目の列がすべて空欄なら登録されません。金額は入力値から計算されます。",
    f"日付は 2023-07-04、2023/7/4、令和5年7月4日 のいずれでも入力できます。はい／いいえ の列は {YES}・{NO}。",
    "CSVは UTF-8（BOM付き・なし）または Shift_JIS（Excelの「CSV（コンマ区切り）」）で保存してください。",
    "既に登録済みの社労士登録番号、またはファイル内で重複する登録番号の行は取り込まれません。"
    "メールアドレスや氏名・住所が似ている場合は取り込んだうえで「重複の疑い」として表示します。",
]


def template(fmt: ExportFormat, encoding: CsvEncoding) -> bytes:
    headers = [c.header for c in cols.IMPORT_COLUMNS]
    if fmt is ExportFormat.csv:
        sheet = Sheet(DATA_SHEET, headers, [CellKind.text] * len(headers), [])
        return write_csv(sheet, encoding)
    notes = Sheet(
        NOTES_SHEET,
        ["列名", "必須", "内容・選択肢", "記入例"],
        [CellKind.text] * 4,
        [30, 6, 70, 24],
        rows=[[c.header, "必須" if c.required else "", c.note, c.example] for c in cols.IMPORT_COLUMNS]
        + [["", "", "", ""]]
        + [["注意", "", text, ""] for text in _GENERAL_NOTES],
    )
    text_kinds = (cols.Kind.registration_no,)
    text_columns = [
        i
        for i, c in enumerate(cols.IMPORT_COLUMNS, start=1)
        if c.kind in text_kinds or c.key in ("postal_code", "phone")
    ]
    choices: dict[int, list[str]] = {}
    for i, c in enumerate(cols.IMPORT_COLUMNS, start=1):
        if c.kind is cols.Kind.choice:
            choices[i] = list(cols.CHOICES[c.field].labels.values())
        elif c.kind is cols.Kind.yes_no:
            choices[i] = [YES, NO]
        elif c.kind is cols.Kind.insured:
            choices[i] = [cols.INSURED, cols.NOT_INSURED]
    return write_template_xlsx(
        DATA_SHEET, headers, [c.width for c in cols.IMPORT_COLUMNS], text_columns, choices, notes
    )


# --- exports ---------------------------------------------------------------------------------------------


def today() -> date:
    return utcnow().astimezone(TOKYO).date()


def _claimants(session: Session, case: Case, proceeding: Proceeding | None) -> list[tuple[int | None, Claimant]]:
    if proceeding is not None:
        members = session.exec(
            select(ProceedingMember.number, Claimant)
            .join(Claimant, col(Claimant.id) == ProceedingMember.claimant_id)
            .where(col(ProceedingMember.proceeding_id) == proceeding.id)
            .order_by(col(ProceedingMember.number))
        ).all()
        return [(number, claimant) for number, claimant in members]
    rows = session.exec(select(Claimant).where(col(Claimant.case_id) == case.id).order_by(col(Claimant.id))).all()
    return [(None, claimant) for claimant in rows]


def _head_sums(session: Session, case_id: int) -> dict[int, dict[str, int]]:
    sums: dict[int, dict[str, int]] = {}
    for claimant_id, head, amount in session.exec(
        select(DamageItem.claimant_id, DamageItem.head, func.sum(DamageItem.amount))
        .join(Claimant, col(Claimant.id) == DamageItem.claimant_id)
        .where(col(Claimant.case_id) == case_id)
        .group_by(col(DamageItem.claimant_id), col(DamageItem.head))
    ).all():
        sums.setdefault(claimant_id, {})[head] = int(amount or 0)
    return sums


def _open_flags(session: Session, case_id: int) -> dict[int, set[int]]:
    in_case = select(Claimant.id).where(col(Claimant.case_id) == case_id)
    flagged: dict[int, set[int]] = {}
    for a, b in session.exec(
        select(ClaimantDuplicateFlag.claimant_id, ClaimantDuplicateFlag.other_id).where(
            col(ClaimantDuplicateFlag.dismissed_at).is_(None),
            or_(col(ClaimantDuplicateFlag.claimant_id).in_(in_case), col(ClaimantDuplicateFlag.other_id).in_(in_case)),
        )
    ).all():
        flagged.setdefault(a, set()).add(b)
        flagged.setdefault(b, set()).add(a)
    return flagged


def _label(labels: dict[str, str], value: str | None) -> str | None:
    return labels.get(value, value) if value else None


_PROFILE_KINDS: dict[cols.Kind, CellKind] = {cols.Kind.date: CellKind.date}


@dataclass(frozen=True)
class Export:
    sheet: Sheet
    name: str  # Japanese file name without the extension
    ascii_name: str  # the fallback for clients without RFC 5987


def claimants_export(*, session: Session, case_id: int, proceeding_id: int | None) -> Export:
    """All claimants of the case (or the proceeding's, in plaintiff order): profile in the template's column
    order, stage, the amount of each head (blank: no item), the totals per legal basis and open duplicate
    flags."""
    case, proceeding = claim_table_service.scope(session, case_id, proceeding_id)
    profile = cols.CLAIMANT_COLUMNS
    heads = list(HEADS)
    headers = [
        *(c.header for c in profile),
        cols.STAGE_HEADER,
        *(cols.HEAD_AMOUNT_HEADERS[h] for h in heads),
        cols.CONTRACT_TOTAL_HEADER,
        cols.UNJUST_TOTAL_HEADER,
        cols.TOTAL_HEADER,
        cols.DUPLICATE_HEADER,
        cols.ID_HEADER,
    ]
    kinds = [
        *(_PROFILE_KINDS.get(c.kind, CellKind.text) for c in profile),
        CellKind.text,
        *([CellKind.amount] * (len(heads) + 3)),
        CellKind.text,
        CellKind.number,
    ]
    widths = [*(c.width for c in profile), 14, *([14] * (len(heads) + 3)), 14, 8]
    sums = _head_sums(session, case_id)
    flags = _open_flags(session, case_id)
    rows = []
    for number, claimant in _claimants(session, case, proceeding):
        cid = claimant.id or 0
        own = sums.get(cid, {})
        contract = sum(v for h, v in own.items() if HEADS[DamageHead(h)].legal_basis is LegalBasis.contract)
        unjust = sum(v for h, v in own.items() if HEADS[DamageHead(h)].legal_basis is LegalBasis.unjust_enrichment)
        rows.append(
            [
                number,
                _label(cols.KIND_LABELS, claimant.kind),
                claimant.name,
                claimant.name_kana,
                claimant.office_name,
                claimant.registration_no,
                claimant.postal_code,
                claimant.address,
                claimant.email,
                claimant.phone,
                _label(cols.CONTRACT_LABELS, claimant.contract_type),
                _label(cols.STATUS_LABELS, claimant.customer_status),
                claimant.service_usable_on,
                cols.INSURED if claimant.insured else cols.NOT_INSURED,
                _label(cols.PLAN_LABELS, claimant.insurance_plan),
                claimant.insurer,
                YES if claimant.insurer_sharing_consent else NO,
                YES if claimant.reminder_consent else NO,
                STAGE_LABELS.get(Stage(claimant.stage), claimant.stage),
                *(own.get(h.value) for h in heads),
                contract,
                unjust,
                contract + unjust,
                "、".join(str(other) for other in sorted(flags.get(cid, ()))) or None,
                cid,
            ]
        )
    sheet = Sheet(DATA_SHEET, headers, kinds, widths, rows)
    return Export(sheet, _file_stem("原告一覧", case, proceeding), _ascii_stem("claimants", case, proceeding))


def claim_table_export(*, session: Session, case_id: int, proceeding_id: int | None) -> Export:
    """The 請求一覧 exactly as GET …/claim-table gives it (same rows, order and totals), with the terms of the
    附帯請求 beside each sum and a totals row."""
    table = claim_table_service.claim_table(
        session=session, case_id=case_id, proceeding_id=proceeding_id, today=today()
    )
    case, proceeding = claim_table_service.scope(session, case_id, proceeding_id)
    terms = table.interest.text
    rows: list[list[Any]] = [
        [
            r["number"],
            r["name"],
            r["contract_damages"],
            terms if r["contract_damages"] else None,
            r["unjust_enrichment"],
            terms if r["unjust_enrichment"] else None,
            r["total"],
        ]
        for r in table.rows
    ]
    totals = table.totals
    total_row: list[Any] = [
        cols.TOTAL_HEADER,
        f"原告{totals.plaintiffs}名",
        totals.contract_damages,
        None,
        totals.unjust_enrichment,
        None,
        totals.total,
    ]
    kinds = [CellKind.number, CellKind.text, CellKind.amount, CellKind.text, CellKind.amount, CellKind.text]
    kinds.append(CellKind.amount)
    sheet = Sheet("請求一覧", list(cols.CLAIM_TABLE_HEADERS), kinds, [6, 28, 18, 40, 18, 40, 16], rows, total_row)
    return Export(sheet, _file_stem("請求一覧", case, proceeding), _ascii_stem("claim-table", case, proceeding))


def _file_stem(what: str, case: Case, proceeding: Proceeding | None) -> str:
    parts = [what, case.name, *([proceeding.name] if proceeding else []), today().strftime("%Y%m%d")]
    return "_".join(parts)


def _ascii_stem(what: str, case: Case, proceeding: Proceeding | None) -> str:
    scope = f"proceeding{proceeding.id}" if proceeding else f"case{case.id}"
    return f"{what}-{scope}-{today().strftime('%Y%m%d')}"


def render(sheet: Sheet, fmt: ExportFormat, encoding: CsvEncoding) -> bytes:
    """The sheet as file bytes; a cell CP932 cannot hold is a 422 naming its row and column."""
    if fmt is ExportFormat.xlsx:
        return write_xlsx([sheet])
    try:
        return write_csv(sheet, encoding)
    except EncodingProblem as exc:
        problems = exc.problems
        raise AppError(
            422,
            "unencodable",
            "Some text cannot be written in Shift_JIS",
            f"{len(problems)} cell(s) hold characters Shift_JIS (CP932) does not have; nothing was replaced. "
            "Export as UTF-8 (the default) or change the text",
            errors=[
                FieldError(field=f"row {p.row}: {p.column}", reason=p.reason) for p in problems[:MAX_ERRORS_LISTED]
            ],
        ) from exc
