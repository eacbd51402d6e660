"""Claimant imports that run in the background: the file is kept with the job, checked by the worker, and
imported once someone confirms the check's report.

The outcome of a step and the job's new status are written in one transaction (for the import: the same one
that creates the claimants), and only by the worker holding the job's current `attempt`. A worker that dies
mid-way leaves the job as it was; it is taken up again from the start, and never imported twice.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

from sqlalchemy import update
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, Conflict, NotFound
from bengodan_common.logging import current_request_id
from claims_api.cases.service import get_case
from claims_api.imports.models import ClaimantImport
from claims_api.imports.schemas import (
    ACTIVE,
    ClaimantImportRead,
    ClaimantImportSummary,
    ImportCounts,
    ImportStatus,
)
from claims_api.transfer.schemas import ImportMode, ImportReport

# The file (up to 20 MB) is for the worker: the reads leave it unloaded.
WITHOUT_CONTENT = defer(cast("QueryableAttribute[Any]", ClaimantImport.content))
_ACTIVE = [status.value for status in ACTIVE]


def create(
    *, session: Session, case_id: int, content: bytes, file_name: str | None, actor: Principal
) -> ClaimantImport:
    get_case(session=session, case_id=case_id)
    job = ClaimantImport(
        case_id=case_id,
        file_name=file_name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        status=ImportStatus.checking.value,
        requested_by=actor.sub,
        request_id=current_request_id(),
    )
    session.add(job)
    session.flush()
    return job


def get(*, session: Session, import_id: int) -> ClaimantImport:
    job = session.get(ClaimantImport, import_id, options=[WITHOUT_CONTENT])
    if job is None:
        raise NotFound("Claimant import", import_id)
    return job


def history(*, session: Session, case_id: int, limit: int) -> list[ClaimantImport]:
    get_case(session=session, case_id=case_id)
    return list(
        session.exec(
            select(ClaimantImport)
            .options(WITHOUT_CONTENT)
            .where(ClaimantImport.case_id == case_id)
            .order_by(col(ClaimantImport.id).desc())
            .limit(limit)
        ).all()
    )


def _move(session: Session, job: ClaimantImport, *, expected: ImportStatus, **values: Any) -> None:
    """Change the job's row only if it is still `expected` (a concurrent confirm or discard loses: 409)."""
    result = session.execute(
        update(ClaimantImport)
        .where(col(ClaimantImport.id) == job.id, col(ClaimantImport.status) == expected.value)
        .values(**values)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(f"Claimant import {job.id} changed meanwhile; read it again")
    session.refresh(job)


def confirm(*, session: Session, import_id: int, mode: ImportMode, actor: Principal) -> ClaimantImport:
    """Queue the checked file for import. The same confirmation again is answered with the job as it is."""
    job = get(session=session, import_id=import_id)
    status = ImportStatus(job.status)
    if status in (ImportStatus.importing, ImportStatus.imported) and job.mode == mode.value:
        return job
    if status is not ImportStatus.checked:
        raise Conflict(f"Claimant import {import_id} cannot be imported: its status is {status.value}")
    report = ImportReport.model_validate(job.report)
    if report.rows_valid == 0:
        raise Conflict(f"Claimant import {import_id} has no valid row to import")
    _move(
        session,
        job,
        expected=ImportStatus.checked,
        status=ImportStatus.importing.value,
        mode=mode.value,
        confirmed_by=actor.sub,
        request_id=current_request_id(),
        started_at=None,
        progress_done=0,
    )
    return job


def discard(*, session: Session, import_id: int) -> ClaimantImport:
    """Drop a checked file that is not to be imported (the report stays). Discarding again changes nothing."""
    job = get(session=session, import_id=import_id)
    if job.status == ImportStatus.discarded.value:
        return job
    if job.status != ImportStatus.checked.value:
        raise Conflict(f"Claimant import {import_id} cannot be discarded: its status is {job.status}")
    _move(
        session,
        job,
        expected=ImportStatus.checked,
        status=ImportStatus.discarded.value,
        content=None,
        finished_at=utcnow(),
    )
    return job


# --- the worker's side ------------------------------------------------------------------------------------


def claim_next(*, session: Session) -> ClaimantImport | None:
    """Take the oldest waiting job; the conditional UPDATE lets only one of several workers have it."""
    candidates = session.exec(
        select(ClaimantImport.id)
        .where(col(ClaimantImport.status).in_(_ACTIVE), col(ClaimantImport.started_at).is_(None))
        .order_by(col(ClaimantImport.id))
        .limit(5)
    ).all()
    for job_id in candidates:
        result = session.execute(
            update(ClaimantImport)
            .where(
                col(ClaimantImport.id) == job_id,
                col(ClaimantImport.status).in_(_ACTIVE),
                col(ClaimantImport.started_at).is_(None),
            )
            .values(started_at=utcnow(), attempt=ClaimantImport.attempt + 1, progress_done=0)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            session.flush()
            return session.get(ClaimantImport, job_id, populate_existing=True)
    return None


def requeue_interrupted(*, session: Session) -> int:
    """Jobs a stopped process had in hand wait again (their step left nothing behind); return how many."""
    result = session.execute(
        update(ClaimantImport)
        .where(col(ClaimantImport.status).in_(_ACTIVE), col(ClaimantImport.started_at).is_not(None))
        .values(started_at=None, progress_done=0)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def set_progress(*, session: Session, import_id: int, attempt: int, done: int, total: int) -> None:
    session.execute(
        update(ClaimantImport)
        .where(col(ClaimantImport.id) == import_id, col(ClaimantImport.attempt) == attempt)
        .values(progress_done=done, progress_total=total)
    )


def finish(*, session: Session, import_id: int, attempt: int, **values: Any) -> bool:
    """Record a step's outcome if this worker still holds the job; False if another attempt took it over."""
    result = session.execute(
        update(ClaimantImport)
        .where(
            col(ClaimantImport.id) == import_id,
            col(ClaimantImport.attempt) == attempt,
            col(ClaimantImport.status).in_(_ACTIVE),
        )
        .values(started_at=None, **values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def problem_of(error: AppError) -> dict[str, Any]:
    """The problem as the synchronous endpoint answers it, without its (separately kept) report."""
    return error.problem().model_dump(exclude_none=True, exclude={"report"})


# --- reading ----------------------------------------------------------------------------------------------


def _counts(report: dict[str, Any] | None) -> ImportCounts | None:
    if report is None:
        return None
    return ImportCounts(
        rows_read=report["rows_read"],
        rows_valid=report["rows_valid"],
        rows_imported=report["rows_imported"],
        error_count=report["error_count"],
        duplicate_count=len(report["duplicates"]),
    )


def summary(job: ClaimantImport) -> ClaimantImportSummary:
    return ClaimantImportSummary(**_common(job))


def read(job: ClaimantImport) -> ClaimantImportRead:
    report = None if job.report is None else ImportReport.model_validate(job.report)
    return ClaimantImportRead(**_common(job), report=report, problem=job.problem)


def _common(job: ClaimantImport) -> dict[str, Any]:
    return {
        "id": job.id,
        "case_id": job.case_id,
        "file_name": job.file_name,
        "size": job.size,
        "sha256": job.sha256,
        "mode": job.mode,
        "status": job.status,
        "waiting": job.status in _ACTIVE and job.started_at is None,
        "progress_done": job.progress_done,
        "progress_total": job.progress_total,
        "counts": _counts(job.report),
        "requested_by": job.requested_by,
        "confirmed_by": job.confirmed_by,
        "created_at": job.created_at,
        "checked_at": job.checked_at,
        "finished_at": job.finished_at,
    }
