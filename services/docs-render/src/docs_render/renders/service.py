"""Render jobs: every query and state change. Functions never commit; the caller owns the transaction."""

from __future__ import annotations

import hashlib
import json
from typing import Any, cast

from sqlalchemy import func, null, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict, Invalid, NotFound
from docs_render.renders.models import RenderJob
from docs_render.renders.schemas import RenderCreate

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
MAX_ERROR_CHARS = 2000
# A notice's content (up to thousands of names and addresses) is for the worker: the reads leave it unloaded.
WITHOUT_NOTICE = defer(cast("QueryableAttribute[Any]", RenderJob.notice))


def _find_by_key(session: Session, requester: str, idempotency_key: str) -> RenderJob | None:
    return session.exec(
        select(RenderJob).where(RenderJob.requested_by == requester, RenderJob.idempotency_key == idempotency_key)
    ).first()


def _notice_json(data: RenderCreate) -> dict[str, Any] | None:
    """The notice as stored: JSON values (dates as ISO text), defaults filled in."""
    return data.notice.model_dump(mode="json") if data.notice is not None else None


def _notice_digest(notice: dict[str, Any] | None) -> str | None:
    """SHA-256 of the notice's canonical JSON: what a replay is compared with once the notice itself is gone."""
    if notice is None:
        return None
    canonical = json.dumps(notice, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(existing: RenderJob, data: RenderCreate) -> RenderJob:
    same = (
        existing.document,
        existing.format,
        existing.case_id,
        existing.proceeding_id,
        existing.claimant_id,
        existing.complaint_form,
        existing.notice_sha256,
    )
    asked = (
        data.document,
        data.format,
        data.case_id,
        data.proceeding_id,
        data.claimant_id,
        data.complaint_form,
        _notice_digest(_notice_json(data)),
    )
    if same != asked:
        raise Invalid("Idempotency-Key", "already used for a different render request")
    return existing


def create(
    *, session: Session, data: RenderCreate, actor: Principal, idempotency_key: str | None = None
) -> tuple[RenderJob, bool]:
    """Queue a job; return (job, created). The same actor repeating an idempotency key gets the first job."""
    if idempotency_key is not None and (existing := _find_by_key(session, actor.sub, idempotency_key)):
        return _replay(existing, data), False
    notice = _notice_json(data)
    job = RenderJob(
        document=data.document,
        format=data.format,
        case_id=data.case_id,
        proceeding_id=data.proceeding_id,
        claimant_id=data.claimant_id,
        complaint_form=data.complaint_form,
        notice=notice,
        notice_sha256=_notice_digest(notice),
        status=QUEUED,
        requested_by=actor.sub,
        idempotency_key=idempotency_key,
    )
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:
        # A concurrent request with the same key won the insert: answer with its job.
        winner = _find_by_key(session, actor.sub, idempotency_key) if idempotency_key else None
        if winner is None:
            raise
        return _replay(winner, data), False
    return job, True


def history(
    *,
    session: Session,
    case_id: int,
    document: str | None,
    proceeding_id: int | None,
    claimant_id: int | None,
    limit: int,
    offset: int,
) -> tuple[list[RenderJob], int]:
    """The case's render jobs, newest first, optionally of one document, proceeding or claimant."""
    conditions = [col(RenderJob.case_id) == case_id]
    if document is not None:
        conditions.append(col(RenderJob.document) == document)
    if proceeding_id is not None:
        conditions.append(col(RenderJob.proceeding_id) == proceeding_id)
    if claimant_id is not None:
        conditions.append(col(RenderJob.claimant_id) == claimant_id)
    total = session.exec(select(func.count()).select_from(RenderJob).where(*conditions)).one()
    jobs = session.exec(
        select(RenderJob)
        .options(WITHOUT_NOTICE)
        .where(*conditions)
        .order_by(col(RenderJob.id).desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(jobs), total


def get(*, session: Session, job_id: int) -> RenderJob:
    """The job for its status and file; its notice (up to thousands of recipients) is not loaded."""
    job = session.get(RenderJob, job_id, options=[WITHOUT_NOTICE])
    if job is None:
        raise NotFound("Render job", job_id)
    return job


def get_succeeded(*, session: Session, job_id: int) -> RenderJob:
    job = get(session=session, job_id=job_id)
    if job.status != SUCCEEDED or job.s3_key is None:
        raise Conflict(f"Render job {job_id} has no file: its status is {job.status}")
    return job


def claim_next(*, session: Session) -> RenderJob | None:
    """Take the oldest queued job and mark it running.

    The conditional UPDATE makes the claim safe with several workers on SQLite and PostgreSQL alike: of two
    workers that saw the same queued job, only one changes its row.
    """
    candidates = session.exec(
        select(RenderJob.id).where(RenderJob.status == QUEUED).order_by(col(RenderJob.id)).limit(5)
    ).all()
    for job_id in candidates:
        result = session.execute(
            update(RenderJob)
            .where(col(RenderJob.id) == job_id, col(RenderJob.status) == QUEUED)
            .values(status=RUNNING, started_at=utcnow(), progress_done=0, error=None)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            session.flush()
            job = session.get(RenderJob, job_id, populate_existing=True)
            assert job is not None
            return job
    return None


def requeue_interrupted(*, session: Session) -> int:
    """Put jobs left `running` by a process that stopped mid-render back in the queue; return how many."""
    result = session.execute(
        update(RenderJob)
        .where(col(RenderJob.status) == RUNNING)
        .values(status=QUEUED, started_at=None, progress_done=0)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def set_progress(*, session: Session, job_id: int, done: int, total: int) -> None:
    session.execute(
        update(RenderJob).where(col(RenderJob.id) == job_id).values(progress_done=done, progress_total=total)
    )


def mark_succeeded(*, session: Session, job_id: int, s3_key: str, filename: str, size: int, sha256: str) -> None:
    session.execute(
        update(RenderJob)
        .where(col(RenderJob.id) == job_id)
        .values(
            status=SUCCEEDED,
            s3_key=s3_key,
            filename=filename,
            size=size,
            sha256=sha256,
            error=None,
            progress_done=RenderJob.progress_total,
            finished_at=utcnow(),
            notice=null(),  # the recipients' names and addresses are in the PDF now; no second copy is kept
        )
    )


def mark_failed(*, session: Session, job_id: int, reason: str) -> None:
    session.execute(
        update(RenderJob)
        .where(col(RenderJob.id) == job_id)
        .values(status=FAILED, error=reason[:MAX_ERROR_CHARS], finished_at=utcnow(), notice=null())
    )
