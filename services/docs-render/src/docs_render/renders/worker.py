"""The render worker: a thread that takes queued jobs one at a time and runs them through."""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from docs_render.claims.client import ClaimsApi, ClaimsApiError
from docs_render.pdf.render import RenderError
from docs_render.renders import service
from docs_render.renders.documents import RENDERERS
from docs_render.renders.models import RenderJob

log = logging.getLogger(__name__)

# fetch the data from claims-api, render the file, store it in S3
STEPS = 3


@dataclass(frozen=True)
class RenderContext:
    engine: Engine
    s3: Any
    bucket: str
    claims: ClaimsApi


def object_key(job_id: int, stem: str, extension: str) -> str:
    return f"renders/{job_id}/{stem}.{extension}"


def _progress(ctx: RenderContext, job_id: int, done: int) -> None:
    with Session(ctx.engine) as session, session.begin():
        service.set_progress(session=session, job_id=job_id, done=done, total=STEPS)


def run_job(ctx: RenderContext, job: RenderJob) -> None:
    """Render a claimed (running) job; record success or a failure reason. Never raises for a job's fault."""
    assert job.id is not None
    job_id = job.id
    try:
        renderer = RENDERERS.get((job.document, job.format))
        if renderer is None:
            raise LookupError(f"{job.document} in {job.format} is not available yet")
        _progress(ctx, job_id, 0)
        data = renderer.fetch(job, ctx.claims)
        _progress(ctx, job_id, 1)
        rendered = renderer.render(job, data)
        _progress(ctx, job_id, 2)
        key = object_key(job_id, rendered.stem, rendered.extension)
        ctx.s3.put_object(
            Bucket=ctx.bucket,
            Key=key,
            Body=rendered.content,
            ContentType=rendered.content_type,
            ContentLength=len(rendered.content),
        )
        digest = hashlib.sha256(rendered.content).hexdigest()
        with Session(ctx.engine) as session, session.begin():
            service.mark_succeeded(
                session=session, job_id=job_id, s3_key=key, size=len(rendered.content), sha256=digest
            )
        log.info("render job %s succeeded (%s bytes)", job_id, len(rendered.content))
    except (ClaimsApiError, LookupError, RenderError) as exc:
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


class RenderWorker:
    def __init__(self, ctx: RenderContext, *, poll_seconds: float) -> None:
        self.ctx = ctx
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="docs-render-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the loop and wait for the job in hand (a job cut off is re-queued at the next start)."""
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        log.info("render worker started")
        while not self._stop.is_set():
            try:
                worked = run_once(self.ctx)
            except Exception:
                log.exception("render worker could not take a job")
                worked = False
            if not worked:
                self._stop.wait(self.poll_seconds)
        log.info("render worker stopped")
