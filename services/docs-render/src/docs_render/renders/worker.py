"""The render worker: a thread that takes queued jobs one at a time and runs them through."""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.worker import QueueWorker
from docs_render.claims.client import ClaimsApi, ClaimsApiError
from docs_render.claims.schemas import Exhibit
from docs_render.filings.mints import checked_filename
from docs_render.pdf import RenderError, merge_pdfs
from docs_render.renders import service
from docs_render.renders.documents import AVAILABLE
from docs_render.renders.models import RenderJob
from docs_render.renders.plans import DOCX, PDF, PLANNERS, ZIP, Part, Plan, PlanError, made_on
from docs_render.renders.pool import RenderPool, RenderProcessDied

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderContext:
    engine: Engine
    s3: Any
    bucket: str
    claims: ClaimsApi
    pool: RenderPool
    downloads: httpx.Client  # plain client (no token) for presigned exhibit URLs


class ExhibitMismatch(RuntimeError):
    pass


def object_key(job_id: int, stem: str, extension: str) -> str:
    return f"renders/{job_id}/{stem}.{extension}"


def _progress(ctx: RenderContext, job_id: int, done: int, total: int) -> None:
    with Session(ctx.engine) as session, session.begin():
        service.set_progress(session=session, job_id=job_id, done=done, total=total)


def verify_exhibits(ctx: RenderContext, exhibits: list[Exhibit]) -> None:
    """Read each stored exhibit file back from S3 and compare its SHA-256 with the one recorded at upload: a
    filing must never cite a file that changed since."""
    for exhibit in exhibits:
        version = exhibit.current_version
        if version is None:
            continue  # listed without a file (paper original): nothing stored to check
        url = ctx.claims.exhibit_download_url(exhibit_id=exhibit.id, version=version.version)
        digest = hashlib.sha256()
        try:
            with ctx.downloads.stream("GET", url) as response:
                response.raise_for_status()
                for chunk in response.iter_bytes(1 << 20):
                    digest.update(chunk)
        except httpx.HTTPError as exc:
            raise ExhibitMismatch(f"{exhibit.label}: the stored file could not be read: {exc}") from exc
        if digest.hexdigest() != version.sha256:
            raise ExhibitMismatch(
                f"{exhibit.label}（{exhibit.title}）: the stored file's SHA-256 {digest.hexdigest()} does not match "
                f"the recorded {version.sha256} of version {version.version}; check the exhibit before filing"
            )


def _zip(plan: Plan, parts: list[tuple[Part, bytes]]) -> bytes:
    """Parts sharing a file name are merged into that PDF; the ZIP's entries carry a fixed time so the same
    render is the same bytes."""
    files: dict[str, list[bytes]] = {}
    for part, content in parts:
        files.setdefault(checked_filename(part.filename), []).append(content)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [
            (name, merge_pdfs(contents) if len(contents) > 1 else contents[0]) for name, contents in files.items()
        ]
        for name, content in [*entries, *((checked_filename(n), c) for n, c in plan.extra_files)]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


def _assemble(plan: Plan, job: RenderJob, results: list[bytes]) -> tuple[bytes, str, str]:
    """(content, extension, content type) of the job's file."""
    if plan.container == "zip":
        return _zip(plan, list(zip(plan.parts, results, strict=True))), "zip", ZIP
    if plan.container == "merged":
        return merge_pdfs(results), "pdf", PDF
    if job.format == "docx":
        return results[0], "docx", DOCX
    return results[0], "pdf", PDF


def run_job(ctx: RenderContext, job: RenderJob) -> None:
    """Render a claimed (running) job; record success or a failure reason. Never raises for a job's fault."""
    assert job.id is not None
    job_id = job.id
    try:
        planner = PLANNERS.get(job.document)
        if planner is None or (job.document, job.format) not in AVAILABLE:
            raise LookupError(f"{job.document} in {job.format} is not available")
        plan = planner(job, ctx.claims)
        total = plan.documents
        _progress(ctx, job_id, 0, total)
        verify_exhibits(ctx, plan.exhibits_to_verify)
        done = 0

        def one_done(part: Part) -> None:
            nonlocal done
            done += part.documents
            _progress(ctx, job_id, done, total)

        file_format = "pdf" if plan.container != "single" else job.format
        results = ctx.pool.render(plan.parts, made_on=made_on(job), file_format=file_format, on_done=one_done)
        content, extension, content_type = _assemble(plan, job, results)
        key = object_key(job_id, plan.stem, extension)
        ctx.s3.put_object(
            Bucket=ctx.bucket, Key=key, Body=content, ContentType=content_type, ContentLength=len(content)
        )
        digest = hashlib.sha256(content).hexdigest()
        with Session(ctx.engine) as session, session.begin():
            service.mark_succeeded(
                session=session,
                job_id=job_id,
                s3_key=key,
                filename=plan.download_name,
                size=len(content),
                sha256=digest,
            )
        log.info("render job %s succeeded (%s documents, %s bytes)", job_id, total, len(content))
    except (ClaimsApiError, LookupError, RenderError, PlanError, ExhibitMismatch, RenderProcessDied) as exc:
        _fail(ctx, job_id, str(exc))
    except Exception as exc:
        log.exception("render job %s failed", job_id)
        _fail(ctx, job_id, f"rendering failed: {type(exc).__name__}: {exc}")


def _fail(ctx: RenderContext, job_id: int, reason: str) -> None:
    log.warning("render job %s failed: %s", job_id, reason)
    with Session(ctx.engine) as session, session.begin():
        service.mark_failed(session=session, job_id=job_id, reason=reason)


def run_once(ctx: RenderContext) -> bool:
    """Claim and run one queued job; False when the queue was empty."""
    with Session(ctx.engine, expire_on_commit=False) as session, session.begin():
        job = service.claim_next(session=session)
    if job is None:
        return False
    run_job(ctx, job)
    return True


class RenderWorker(QueueWorker):
    def __init__(self, ctx: RenderContext, *, poll_seconds: float) -> None:
        super().__init__(lambda: run_once(ctx), name="render worker", poll_seconds=poll_seconds)
        self.ctx = ctx
