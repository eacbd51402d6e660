"""Public endpoints: the OAuth2 token endpoint and the JWKS. Everything else requires a token."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request

from bengodan_common.errors import PROBLEM_RESPONSES, AppError
from claims_api.auth import service
from claims_api.auth.deps import Authenticated
from claims_api.auth.schemas import Me, TokenResponse
from claims_api.core.deps import SessionDep

public_router = APIRouter(tags=["auth"])
router = APIRouter(prefix="/auth", tags=["auth"], responses=PROBLEM_RESPONSES)


@public_router.post("/api/v1/auth/token", response_model=TokenResponse, responses=PROBLEM_RESPONSES)
def token(
    request: Request,
    session: SessionDep,
    grant_type: Annotated[Literal["password", "client_credentials"], Form()],
    username: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
    scope: Annotated[str | None, Form()] = None,
) -> TokenResponse:
    """OAuth2 token endpoint (form-encoded): `password` for people, `client_credentials` for machines."""
    auth, key = request.app.state.settings.auth, request.app.state.signing_key
    if grant_type == "password":
        if not username or not password:
            raise AppError(
                400,
                "oauth-invalid_request",
                "Token request refused",
                "username and password are required",
                extensions={"error": "invalid_request"},
            )
        return service.password_grant(session=session, auth=auth, key_pem=key, username=username, password=password)
    if not client_id or not client_secret:
        raise AppError(
            400,
            "oauth-invalid_request",
            "Token request refused",
            "client_id and client_secret are required",
            extensions={"error": "invalid_request"},
        )
    return service.client_credentials_grant(
        session=session, auth=auth, key_pem=key, client_id=client_id, client_secret=client_secret, scope=scope
    )


@public_router.get("/.well-known/jwks.json", tags=["auth"])
def jwks(request: Request) -> dict[str, Any]:
    """The public keys that verify the tokens this service issues."""
    jwks_doc: dict[str, Any] = request.app.state.jwks
    return jwks_doc


@router.get("/me", response_model=Me)
def me(principal: Authenticated) -> Me:
    return Me(
        sub=principal.sub,
        kind=principal.kind,
        name=principal.name,
        roles=list(principal.roles),
        scopes=sorted(principal.scopes),
    )
