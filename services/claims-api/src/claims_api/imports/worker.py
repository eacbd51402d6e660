"""The import worker: a thread of claims-api that checks and imports the queued files one at a time."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.auth import Principal
from bengodan_common.db import for_writes, is_postgres, utcnow
from bengodan_common.errors import AppError
from bengodan_common.logging import set_request_id
from bengodan_common.worker import QueueWorker
from claims_api.imports import service
from claims_api.imports.models import ClaimantImport
from claims_api.imports.schemas import ImportStatus
from claims_api.transfer import service as transfer
from claims_api.transfer.schemas import ImportMode, ImportReport

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5  # how often the row count is written while a file is read


class _TakenOver(Exception):
    """Another attempt holds the job now (this one was requeued): its work is rolled back."""


def _progress(engine: Engine, job: ClaimantImport) -> Callable[[int, int], None]:
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PROGRESS_SECONDS and done < total:
            return
        last = now
        with Session(engine) as session, session.begin():
            service.set_progress(session=session, import_id=job.id or 0, attempt=job.attempt, done=done, total=total)

    return report


def _finish(engine: Engine, job: ClaimantImport, **values: object) -> None:
    with Session(engine) as session, session.begin():
        if not service.finish(session=session, import_id=job.id or 0, attempt=job.attempt, **values):
            log.warning("claimant import %s was taken over; this attempt's outcome is dropped", job.id)


def _failed(error: AppError) -> dict[str, object]:
    report = error.extensions.get("report")
    return {
        "status": ImportStatus.failed.value,
        "problem": service.problem_of(error),
        "finished_at": utcnow(),
        "content": None,
        **({"report": report} if report is not None else {}),
    }


def _read(
    session: Session, job: ClaimantImport, *, dry_run: bool, actor: str, progress: Callable[[int, int], None] | None
) -> ImportReport:
    """The job's file through the import service, as the synchronous endpoint puts it through."""
    assert job.content is not None
    return transfer.import_claimants(
        session=session,
        case_id=job.case_id,
        content=job.content,
        file_name=job.file_name,
        mode=ImportMode(job.mode),
        dry_run=dry_run,
        actor=Principal(sub=actor, kind="user"),
        progress=progress,
    )


def check(engine: Engine, job: ClaimantImport) -> None:
    """A dry run: reads only, so the outcome is written on its own."""
    try:
        with Session(engine) as session:
            report = _read(session, job, dry_run=True, actor=job.requested_by, progress=_progress(engine, job))
    except AppError as error:
        _finish(engine, job, **_failed(error))
        return
    _checked(engine, job, report.model_dump(mode="json"), problem=None)


def _checked(engine: Engine, job: ClaimantImport, report: dict[str, Any], *, problem: dict[str, Any] | None) -> None:
    """The file is read; its report waits for a person to choose how to import it."""
    _finish(
        engine,
        job,
        status=ImportStatus.checked.value,
        report=report,
        problem=problem,
        checked_at=utcnow(),
        progress_done=report["rows_read"],
    )


def import_(engine: Engine, job: ClaimantImport) -> None:
    """The claimants and the job's new status commit together, or not at all."""
    assert job.confirmed_by is not None
    # As the synchronous import, the transaction takes SQLite's write lock at its start, so no commit elsewhere
    # can invalidate what it read before writing. Progress is then written only on PostgreSQL (beside the
    # import's transaction); on SQLite it could not be until the import commits.
    progress = _progress(engine, job) if is_postgres(engine) else None
    try:
        with Session(for_writes(engine)) as session, session.begin():
            report = _read(session, job, dry_run=False, actor=job.confirmed_by, progress=progress)
            done = service.finish(
                session=session,
                import_id=job.id or 0,
                attempt=job.attempt,
                status=ImportStatus.imported.value,
                report=report.model_dump(mode="json"),
                problem=None,
                content=None,
                finished_at=utcnow(),
                progress_done=report.rows_read,
            )
            if not done:
                raise _TakenOver
    except AppError as error:
        refused_report = error.extensions.get("report")
        if refused_report is None:
            _finish(engine, job, **_failed(error))
            return
        # Refused for rows that became invalid since the check (say, a 登録番号 registered meanwhile): the file
        # is checked again, with the new report, and can still be imported with its valid rows.
        _checked(engine, job, refused_report, problem=service.problem_of(error))
    except _TakenOver:
        log.warning("claimant import %s was taken over; this attempt is rolled back", job.id)


def run_once(engine: Engine) -> bool:
    """Take one waiting job and run its step; False when nothing waits."""
    with Session(for_writes(engine), expire_on_commit=False) as session, session.begin():
        job = service.claim_next(session=session)  # reads, then writes: SQLite's lock is taken at BEGIN
    if job is None:
        return False
    set_request_id(job.request_id)  # the audit entry and the log lines name the request that asked for it
    try:
        if job.status == ImportStatus.checking.value:
            check(engine, job)
        else:
            import_(engine, job)
    except Exception:
        log.exception("claimant import %s failed unexpectedly", job.id)
        _finish(
            engine,
            job,
            status=ImportStatus.failed.value,
            problem={
                "type": "import-crashed",
                "title": "The import stopped on an unexpected error",
                "status": 500,
                "detail": "Nothing was imported. Try again; if it happens again, tell the administrator "
                f"(request {job.request_id or '-'}).",
                "errors": [],
            },
            content=None,
            finished_at=utcnow(),
        )
    finally:
        set_request_id(None)
    return True


def requeue_interrupted(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        return service.requeue_interrupted(session=session)


class ImportWorker(QueueWorker):
    def __init__(self, engine: Engine, *, poll_seconds: float) -> None:
        super().__init__(lambda: run_once(engine), name="claimant import worker", poll_seconds=poll_seconds)
        self.engine = engine

    def start(self) -> None:
        requeued = requeue_interrupted(self.engine)
        if requeued:
            log.info("claimant imports taken up again after a stop: %s", requeued)
        super().start()
