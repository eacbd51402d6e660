"""The partner API: its own app under /partner/v1, with its own OpenAPI document and docs page.

It shares the parent's state (engine, keys, S3) but verifies tokens for the `partner` audience only, so a
token of the legal team's SPA is refused here and a partner token is refused under /api/v1.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import State

from bengodan_common.errors import PROBLEM_RESPONSES, install_error_handlers
from claims_api.partner.router import router

PREFIX = "/partner/v1"

DESCRIPTION = """\
Claim data of the claimants who consented to share it with your company, for the insurer's engineers.

Obtain a token with the client-credentials grant at `POST /api/v1/auth/token` (form-encoded `grant_type`,
`client_id`, `client_secret`, optional `scope`); it is valid for at most 15 minutes. Send it as
`Authorization: Bearer …`. Errors are `application/problem+json` with the field and the reason.
See the guide in the repository's `docs/partner-api.md` for an example client.
"""

_RESPONSES = PROBLEM_RESPONSES | {
    400: {"description": "Unknown query parameter", "model": PROBLEM_RESPONSES[422]["model"]},
    429: {
        "description": "Too many requests; wait the seconds in Retry-After",
        "model": PROBLEM_RESPONSES[422]["model"],
    },
}


def create_partner_app(state: State) -> FastAPI:
    app = FastAPI(
        title="bengodan partner API",
        description=DESCRIPTION,
        version="1.0.0",
        openapi_tags=[{"name": "partner", "description": "claims, their changes, settlements"}],
    )
    app.state = state
    install_error_handlers(app)
    app.include_router(router, tags=["partner"], responses=_RESPONSES)
    return app
