"""What every service app has: error handlers, request-ID middleware, /healthz and /readyz."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from bengodan_common.errors import install_error_handlers
from bengodan_common.logging import RequestIdMiddleware
from bengodan_common.s3 import s3_reachable

ReadinessCheck = Callable[[Request], bool]


def freeze_startup_heap() -> None:
    """Call at the end of startup: the objects built so far (models, schemas, routes, clients) live as long as the
    process, so the cyclic GC stops re-scanning them. Measured in process on the 3,000-row claim table: its p95 went
    from about 140 ms to 64 ms (p50 47 → 36 ms), the old figure being the collections a large response triggers."""
    gc.collect()
    gc.freeze()


def database_ready(request: Request) -> bool:
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def s3_ready(request: Request) -> bool:
    return s3_reachable(request.app.state.s3, request.app.state.settings.s3.bucket)


def health_router(checks: dict[str, ReadinessCheck]) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="Liveness")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="Readiness: the service's dependencies (database, S3…) reachable")
    def readyz(request: Request) -> JSONResponse:
        results = {name: check(request) for name, check in checks.items()}
        ok = all(results.values())
        return JSONResponse(
            {
                "status": "ok" if ok else "unavailable",
                "checks": {k: "ok" if v else "failed" for k, v in results.items()},
            },
            status_code=200 if ok else 503,
        )

    return router


def base_app(
    *,
    title: str,
    description: str,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[Any]],
    routers: Sequence[APIRouter],
    checks: dict[str, ReadinessCheck],
    settings: Any,
) -> FastAPI:
    app = FastAPI(title=title, description=description, version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(RequestIdMiddleware)
    app.include_router(health_router(checks))
    for router in routers:
        app.include_router(router)
    return app
