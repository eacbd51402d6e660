"""claims-api application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import APIRouter, Depends, FastAPI

from bengodan_common import jwt
from bengodan_common.app import base_app, database_ready, freeze_startup_heap, s3_ready
from bengodan_common.auth import StaticKeyVerifier, authenticate
from bengodan_common.db import ensure_sqlite_dir, make_engine
from bengodan_common.errors import PROBLEM_RESPONSES
from bengodan_common.logging import configure_logging
from bengodan_common.s3 import ensure_bucket, make_s3_client
from claims_api.audit import router as audit
from claims_api.auth import router as auth
from claims_api.auth.service import internal_service_token
from claims_api.calculators import router as calculators
from claims_api.cases import router as cases
from claims_api.changes import recorder as changes
from claims_api.claim_table import router as claim_table
from claims_api.claimants import router as claimants
from claims_api.clients import router as clients
from claims_api.core.config import Settings
from claims_api.core.keys import load_signing_key
from claims_api.damages import router as damages
from claims_api.dashboard import router as dashboard
from claims_api.evidence import router as evidence
from claims_api.filings import router as filings
from claims_api.hearings import router as hearings
from claims_api.imports import router as imports
from claims_api.imports.worker import ImportWorker
from claims_api.intake import router as intake
from claims_api.outbox.relay import OutboxRelay
from claims_api.partner import app as partner_app
from claims_api.partner.ratelimit import RateLimiter
from claims_api.transfer import router as transfer
from claims_api.users import router as users


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    configure_logging("claims-api", json_lines=settings.log_json, level=settings.log_level)
    ensure_sqlite_dir(settings.database_url)
    app.state.engine = make_engine(settings.database_url)
    key = load_signing_key(settings)
    app.state.signing_key = key
    app.state.jwks = jwt.public_jwks(key)
    app.state.token_verifier = StaticKeyVerifier(
        app.state.jwks, audience=settings.auth.audience, issuer=settings.auth.issuer
    )
    app.state.partner_token_verifier = StaticKeyVerifier(
        app.state.jwks, audience=settings.auth.partner_audience, issuer=settings.auth.issuer
    )
    app.state.partner_rate_limiter = RateLimiter(
        rate_per_minute=settings.partner.rate_per_minute, burst=settings.partner.burst
    )
    app.state.s3 = make_s3_client(settings.s3)
    app.state.s3_public = make_s3_client(settings.s3, public=True)
    if settings.create_bucket:
        ensure_bucket(app.state.s3, settings.s3, cors_origins=settings.s3_cors_origins)
    relay = None
    if settings.run_relay:
        relay = OutboxRelay(
            engine=app.state.engine,
            notify_url=settings.notify_url,
            token=partial(internal_service_token, auth=settings.auth, key_pem=key, scope="notify:events.write"),
            poll_seconds=settings.relay_poll_seconds,
        )
        relay.start()
    import_worker = None
    if settings.run_import_worker:
        import_worker = ImportWorker(app.state.engine, poll_seconds=settings.import_poll_seconds)
        import_worker.start()
    app.state.import_worker = import_worker
    try:
        freeze_startup_heap()
        yield
    finally:
        if relay is not None:
            relay.stop()
        if import_worker is not None:
            import_worker.stop()
        app.state.engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Everything under /api/v1 requires a valid token; each endpoint then demands its scope.
    api = APIRouter(prefix="/api/v1", dependencies=[Depends(authenticate)], responses=PROBLEM_RESPONSES)
    for module in (
        audit,
        auth,
        calculators,
        cases,
        claim_table,
        claimants,
        clients,
        damages,
        dashboard,
        evidence,
        filings,
        hearings,
        imports,
        intake,
        transfer,
        users,
    ):
        api.include_router(module.router)
    changes.install()
    app = base_app(
        title="bengodan claims-api",
        description="Cases, claimants, damage items, evidence and hearings of the mass claim; token issuer.",
        lifespan=lifespan,
        routers=[auth.public_router, api],
        checks={"database": database_ready, "s3": s3_ready},
        settings=settings,
    )
    app.mount(partner_app.PREFIX, partner_app.create_partner_app(app.state))
    return app
