"""The docs-render app: create_app(settings) builds it; the lifespan builds the engine, the S3 and claims-api
clients, the token verifier and the render worker."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlmodel import Session

from bengodan_common.app import base_app, database_ready, freeze_startup_heap, s3_ready
from bengodan_common.auth import JwksVerifier, TokenVerifier
from bengodan_common.db import ensure_sqlite_dir, for_writes, make_engine
from bengodan_common.logging import configure_logging
from bengodan_common.s3 import ensure_bucket, make_s3_client
from bengodan_common.service_client import make_service_client
from docs_render.claims.client import ClaimsApi
from docs_render.core.config import Settings
from docs_render.pdf import require_mincho_font, require_pdf_tools
from docs_render.renders import service as renders_service
from docs_render.renders.pool import RenderPool
from docs_render.renders.router import router as renders_router
from docs_render.renders.worker import RenderContext, RenderWorker

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Turns the records of claims-api into filings (PDF, DOCX, the mints ZIP), stored in S3 and downloaded by "
    "presigned URL."
)


def create_app(
    settings: Settings | None = None,
    *,
    token_verifier: TokenVerifier | None = None,
    claims_client: httpx.Client | None = None,
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("docs-render", json_lines=settings.log_json, level=settings.log_level)
        font = require_mincho_font()  # a missing font would print blank Japanese text: refuse to start
        log.info("Mincho font: %s", font)
        require_pdf_tools()  # without them every bundle would fail at its end: refuse to start
        ensure_sqlite_dir(settings.database_url)
        engine = make_engine(settings.database_url)
        s3 = make_s3_client(settings.s3)
        if settings.create_bucket:
            ensure_bucket(s3, settings.s3)
        own_claims_client = claims_client is None
        http = claims_client or make_service_client(settings.claims_api)
        app.state.engine = engine
        app.state.s3 = s3
        app.state.s3_public = make_s3_client(settings.s3, public=True)
        app.state.claims = ClaimsApi(http)
        app.state.token_verifier = token_verifier or JwksVerifier(
            settings.auth.jwks_url,
            audience=settings.auth.audience,
            issuer=settings.auth.issuer,
            cache_seconds=settings.auth.jwks_cache_seconds,
        )
        worker: RenderWorker | None = None
        if settings.run_worker:
            with Session(engine) as session, session.begin():
                requeued = renders_service.requeue_interrupted(session=session)
            if requeued:
                log.warning("re-queued %s render job(s) left running by a stopped process", requeued)
            pool = RenderPool(settings.render_processes)
            downloads = httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0), follow_redirects=False)
            worker = RenderWorker(
                RenderContext(
                    engine=for_writes(engine),  # every worker transaction writes (claim, progress, result)
                    s3=s3,
                    bucket=settings.s3.bucket,
                    claims=app.state.claims,
                    pool=pool,
                    downloads=downloads,
                ),
                poll_seconds=settings.worker_poll_seconds,
            )
            worker.start()
        app.state.worker = worker
        try:
            freeze_startup_heap()
            yield
        finally:
            if worker is not None:
                worker.stop()
                worker.ctx.pool.close()
                worker.ctx.downloads.close()
            if own_claims_client:
                http.close()
            engine.dispose()

    return base_app(
        title="bengodan docs-render",
        description=DESCRIPTION,
        lifespan=lifespan,
        routers=[renders_router],
        checks={"database": database_ready, "s3": s3_ready},
        settings=settings,
    )
