"""The notify app: hearing events in, e-mails out."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from bengodan_common.app import base_app, database_ready, freeze_startup_heap
from bengodan_common.auth import JwksVerifier, TokenVerifier
from bengodan_common.db import ensure_sqlite_dir, make_engine
from bengodan_common.logging import configure_logging
from bengodan_common.service_client import make_service_client
from notify.campaigns import imports as recipient_imports
from notify.campaigns.router import router as campaigns_router
from notify.claims.client import ClaimsApi
from notify.core.config import Settings
from notify.delivery.assembly import make_mailer, make_worker
from notify.delivery.mailer import Mailer
from notify.delivery.router import router as delivery_router
from notify.events.router import router as events_router
from notify.letters.client import DocsRenderApi, make_docs_render_client
from notify.letters.router import router as letters_router
from notify.messages.router import router as messages_router
from notify.reminders.intake_router import router as intake_reminders_router
from notify.reminders.optouts_router import public_router as unsubscribe_router
from notify.reminders.optouts_router import router as opt_out_router
from notify.reminders.router import router as reminder_rules_router

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Receives hearing events from claims-api, sends each consenting claimant a notice of the hearing and "
    "reminders before it, and cancels them when the hearing moves or is cancelled; reminds claimants of missing "
    "intake documents; sends breach-notice campaigns (APPI 26条2項) by e-mail, by post through docs-render, or "
    "records the public notice, and keeps the proof of who was notified when."
)


def create_app(
    settings: Settings | None = None,
    *,
    token_verifier: TokenVerifier | None = None,
    claims_client: httpx.Client | None = None,
    docs_render_client: httpx.Client | None = None,
    mailer: Mailer | None = None,
) -> FastAPI:
    """Build the app. Tests inject a verifier with their own key, a claims-api client on a mock transport
    and, if they like, a mailer; everything not injected is built from the settings in the lifespan."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("notify", json_lines=settings.log_json, level=settings.log_level)
        ensure_sqlite_dir(settings.database_url)
        engine = make_engine(settings.database_url)
        owned: list[httpx.Client] = []
        client = claims_client
        if client is None:
            client = make_service_client(settings.claims_api)
            owned.append(client)
        verifier = token_verifier
        if verifier is None:
            jwks = JwksVerifier(
                settings.auth.jwks_url,
                audience=settings.auth.audience,
                issuer=settings.auth.issuer,
                cache_seconds=settings.auth.jwks_cache_seconds,
            )
            owned.append(jwks.client)
            verifier = jwks
        app.state.engine = engine
        if stalled := recipient_imports.fail_stalled(engine):
            log.warning("%d recipient imports cut off by a stop were failed and emptied", stalled)
        app.state.token_verifier = verifier
        app.state.claims = ClaimsApi(client)
        docs_client = docs_render_client or make_docs_render_client(settings.docs_render)
        if docs_render_client is None:
            owned.append(docs_client)
        app.state.docs_render = DocsRenderApi(docs_client)
        app.state.mailer = mailer or make_mailer(settings)
        app.state.worker = make_worker(
            settings=settings,
            engine=engine,
            claims=app.state.claims,
            docs_render=app.state.docs_render,
            mailer=app.state.mailer,
        )
        if settings.run_worker:
            app.state.worker.start()
        try:
            freeze_startup_heap()
            yield
        finally:
            app.state.worker.stop()
            for owned_client in owned:
                owned_client.close()
            engine.dispose()

    return base_app(
        title="bengodan notify",
        description=DESCRIPTION,
        lifespan=lifespan,
        routers=[
            events_router,
            messages_router,
            campaigns_router,
            letters_router,
            delivery_router,
            reminder_rules_router,
            intake_reminders_router,
            opt_out_router,
            unsubscribe_router,
        ],
        checks={"database": database_ready},
        settings=settings,
    )
