from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Response, UploadFile, status

from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce
from claims_api.transfer import service
from claims_api.transfer.readers import read_upload
from claims_api.transfer.schemas import CsvEncoding, ExportFormat, ImportMode, ImportReport
from claims_api.transfer.writers import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, content_disposition

router = APIRouter(tags=["claimant transfer"])

_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {XLSX_MEDIA_TYPE: {}, CSV_MEDIA_TYPE: {}},
        "description": "the file, with a Japanese file name in Content-Disposition (RFC 5987 filename*)",
    }
}
FormatQuery = Annotated[ExportFormat, Query(description="xlsx or csv")]
EncodingQuery = Annotated[
    CsvEncoding, Query(description="CSV only: utf-8 (with BOM, the default) or shift_jis (CP932)")
]


def _file(content: bytes, fmt: ExportFormat, name: str, ascii_name: str) -> Response:
    media_type = XLSX_MEDIA_TYPE if fmt is ExportFormat.xlsx else CSV_MEDIA_TYPE
    extension = f".{fmt.value}"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": content_disposition(name + extension, ascii_name + extension)},
    )


@router.post(
    "/cases/{case_id}/claimant-imports",
    response_model=ImportReport,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": ImportReport, "description": "dry run: the report, nothing stored"}},
)
def import_claimants(
    case_id: int,
    file: Annotated[UploadFile, File(description="CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) or XLSX")],
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
    mode: Annotated[
        ImportMode, Query(description="all: nothing unless every row is valid; valid_only: the valid rows")
    ] = ImportMode.all,
    dry_run: Annotated[bool, Query(description="validate and report only; nothing is stored")] = False,
) -> object:
    """Claimants with their damage items from the template (one row per claimant; Japanese column names in any
    order). Errors are reported as row (as Excel numbers it), column and reason; with mode=all and any error
    the answer is a 422 problem whose `errors` name `row N: column` and whose `report` is the full report.
    Duplicates are flagged and listed; the same 社労士登録番号 twice is an error of the later row."""
    content = read_upload(file)

    def run(dry: bool) -> ImportReport:
        return service.import_claimants(
            session=session,
            case_id=case_id,
            content=content,
            file_name=file.filename,
            mode=mode,
            dry_run=dry,
            actor=actor,
        )

    if dry_run:
        response.status_code = status.HTTP_200_OK
        return run(True)
    body = {"case_id": case_id, "file_sha256": hashlib.sha256(content).hexdigest(), "mode": mode.value}
    return once(actor=actor, body=body, create=lambda: run(False))


@router.get("/claimant-imports/template", response_class=Response, responses=_FILE_RESPONSES)
def import_template(
    _: ClaimsRead, format: FormatQuery = ExportFormat.xlsx, encoding: EncodingQuery = CsvEncoding.utf_8
) -> Response:
    """The empty import file: the header row; XLSX adds column widths, drop-downs and a notes sheet
    (記入要領) with each column's meaning and allowed values."""
    return _file(service.template(format, encoding), format, "原告取込テンプレート", "claimant-import-template")


@router.get("/cases/{case_id}/claimants/export", response_class=Response, responses=_FILE_RESPONSES)
def export_claimants(
    case_id: int,
    session: SessionDep,
    _: ClaimsRead,
    format: FormatQuery = ExportFormat.xlsx,
    encoding: EncodingQuery = CsvEncoding.utf_8,
    proceeding_id: int | None = None,
) -> Response:
    """All claimants of the case (with `proceeding_id`: its members in plaintiff order): profile, stage,
    amount per head and the totals per legal basis."""
    export = service.claimants_export(session=session, case_id=case_id, proceeding_id=proceeding_id)
    return _file(service.render(export.sheet, format, encoding), format, export.name, export.ascii_name)


@router.get("/cases/{case_id}/claim-table/export", response_class=Response, responses=_FILE_RESPONSES)
def export_claim_table(
    case_id: int,
    session: SessionDep,
    _: ClaimsRead,
    format: FormatQuery = ExportFormat.xlsx,
    encoding: EncodingQuery = CsvEncoding.utf_8,
    proceeding_id: int | None = None,
) -> Response:
    """請求一覧 as GET …/claim-table gives it, with the 附帯請求 terms and a totals row."""
    export = service.claim_table_export(session=session, case_id=case_id, proceeding_id=proceeding_id)
    return _file(service.render(export.sheet, format, encoding), format, export.name, export.ascii_name)
