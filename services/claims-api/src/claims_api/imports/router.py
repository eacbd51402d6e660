from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Query, Request, Response, UploadFile, status

from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce
from claims_api.imports import service
from claims_api.imports.schemas import ClaimantImportRead, ClaimantImportSummary, ImportConfirm
from claims_api.transfer.readers import read_upload

router = APIRouter(tags=["claimant imports"])


def _wake_worker(request: Request, background: BackgroundTasks) -> None:
    worker = getattr(request.app.state, "import_worker", None)
    if worker is not None:
        background.add_task(worker.wake)  # after the response, so after the commit: the worker sees the job


@router.post(
    "/cases/{case_id}/claimant-import-jobs",
    response_model=ClaimantImportRead,
    status_code=status.HTTP_202_ACCEPTED,
)
def start_import(
    case_id: int,
    file: Annotated[UploadFile, File(description="CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) or XLSX")],
    request: Request,
    response: Response,
    background: BackgroundTasks,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    """Hand over a file to import in the background; it is checked first (`checking` → `checked`, with the
    report of a dry run). Nothing is stored until `POST /claimant-import-jobs/{id}/import` confirms it.
    Poll `GET /claimant-import-jobs/{id}` (its `Location`) for the progress and the report."""
    content = read_upload(file)

    def create() -> ClaimantImportRead:
        job = service.create(session=session, case_id=case_id, content=content, file_name=file.filename, actor=actor)
        response.headers["Location"] = f"/api/v1/claimant-import-jobs/{job.id}"
        _wake_worker(request, background)
        return service.read(job)

    return once(
        actor=actor, body={"case_id": case_id, "file_sha256": hashlib.sha256(content).hexdigest()}, create=create
    )


@router.get("/cases/{case_id}/claimant-import-jobs", response_model=list[ClaimantImportSummary])
def list_imports(
    case_id: int,
    session: SessionDep,
    _: ClaimsRead,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> object:
    """The case's imports, newest first (without their reports)."""
    return [service.summary(job) for job in service.history(session=session, case_id=case_id, limit=limit)]


@router.get("/claimant-import-jobs/{import_id}", response_model=ClaimantImportRead)
def get_import(import_id: int, session: SessionDep, _: ClaimsRead) -> object:
    """Status, progress and, once checked or imported, the report (or `problem`, when it failed)."""
    return service.read(service.get(session=session, import_id=import_id))


@router.post(
    "/claimant-import-jobs/{import_id}/import",
    response_model=ClaimantImportRead,
    status_code=status.HTTP_202_ACCEPTED,
)
def confirm_import(
    import_id: int,
    data: ImportConfirm,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    actor: ClaimsWrite,
) -> object:
    """Import the checked file (mode all: nothing unless every row is valid; valid_only: the valid rows). The
    rows are validated again when imported. Confirming again with the same mode changes nothing; 409 unless
    the import is `checked`."""
    job = service.confirm(session=session, import_id=import_id, mode=data.mode, actor=actor)
    _wake_worker(request, background)
    return service.read(job)


@router.post("/claimant-import-jobs/{import_id}/discard", response_model=ClaimantImportRead)
def discard_import(import_id: int, session: SessionDep, _: ClaimsWrite) -> object:
    """Drop a checked file that is not to be imported (its report stays); 409 unless it is `checked`."""
    return service.read(service.discard(session=session, import_id=import_id))
