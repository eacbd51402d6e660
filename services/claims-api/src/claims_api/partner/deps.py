"""Who is calling /partner/v1, what it may do, and what it may ask.

A partner token must be RS256-signed by claims-api for the `partner` audience and name a partner client; the
client is then looked up on every request, so a revoked client is refused at once and the insurer it stands
for is the one registered now.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, SecurityScopes
from sqlmodel import Session, select

from bengodan_common.auth import authenticate_with
from bengodan_common.db import get_writing_session
from bengodan_common.errors import AppError, FieldError
from claims_api.partner.service import Partner
from claims_api.users.models import Client

CLAIMS_READ = "partner:claims.read"
SETTLEMENTS_WRITE = "partner:settlements.write"


def _unauthorized(detail: str) -> AppError:
    return AppError(
        401, "unauthorized", "Unauthorized", detail, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )


# Every partner request writes: its reads are audited.
PartnerSession = Annotated[Session, Depends(get_writing_session, scope="function")]


# Declares the bearer scheme in the partner OpenAPI document (its docs page then offers "Authorize"); the token
# itself is verified below, against the partner audience.
_bearer = HTTPBearer(auto_error=False, description="access_token from POST /api/v1/auth/token (client_credentials)")


def partner(
    security_scopes: SecurityScopes,
    request: Request,
    session: PartnerSession,
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Partner:
    """401 for a token that is not a live partner's; 403 (RFC 6750 insufficient_scope) for a partner token
    without the scope the endpoint needs. The token's signature, algorithm, audience and expiry are checked by
    the app's verifier (see `bengodan_common.jwt.verify`)."""
    principal = authenticate_with(request, request.app.state.partner_token_verifier)
    if principal.kind != "partner" or not principal.sub.startswith("client:"):
        raise _unauthorized("not a partner token")
    client = session.exec(select(Client).where(Client.client_id == principal.sub.removeprefix("client:"))).first()
    if client is None or not client.is_active or client.kind != "partner" or not client.insurer:
        raise _unauthorized("the client is revoked or unknown")
    request.app.state.partner_rate_limiter.take(client.client_id)
    # A scope the registration no longer grants is not honoured, whatever the token says.
    scopes = principal.scopes & frozenset(client.scopes.split())
    missing = [s for s in security_scopes.scopes if s not in scopes]
    if missing:
        raise AppError(
            403,
            "insufficient-scope",
            "Forbidden",
            f"The token lacks the scope {' '.join(missing)}",
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{" ".join(missing)}"'},
        )
    return Partner(client_id=client.client_id, insurer=client.insurer, scopes=scopes)


ClaimsReader = Annotated[Partner, Security(partner, scopes=[CLAIMS_READ])]
SettlementWriter = Annotated[Partner, Security(partner, scopes=[SETTLEMENTS_WRITE])]


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


_declared: dict[int, frozenset[str]] = {}  # by id(route): routes live as long as the app


def _declared_query(route: APIRoute) -> frozenset[str]:
    names = _declared.get(id(route))
    if names is None:
        names = _declared[id(route)] = frozenset(_query_names(route.dependant))
    return names


def reject_unknown_query(request: Request) -> None:
    """A misspelt parameter (`update_since`, `page_size`) would otherwise be ignored and return the wrong data."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    unknown = sorted(set(request.query_params) - _declared_query(route))
    if unknown:
        errors = [FieldError(field=name, reason="unknown query parameter") for name in unknown]
        raise AppError(
            400,
            "unknown-query-parameter",
            "Unknown query parameter",
            f"Unknown query parameter(s): {', '.join(unknown)}; allowed: {', '.join(sorted(_declared_query(route)))}",
            errors=errors,
        )


StrictQuery = Depends(reject_unknown_query)
