"""The Principal every endpoint works with, and the dependencies that demand scopes.

Each app puts a `TokenVerifier` on `app.state.token_verifier`: claims-api verifies with its own key,
docs-render and notify with the JWKS of claims-api (cached, refetched for an unknown key id).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import httpx
from fastapi import Request
from fastapi.security import SecurityScopes

from bengodan_common import jwt
from bengodan_common.errors import AppError

log = logging.getLogger(__name__)

PrincipalKind = Literal["user", "service", "partner"]


@dataclass(frozen=True)
class Principal:
    sub: str
    kind: PrincipalKind
    roles: tuple[str, ...] = ()
    scopes: frozenset[str] = field(default_factory=frozenset)
    name: str | None = None

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Principal:
        kind = claims.get("kind", "user")
        if kind not in ("user", "service", "partner"):
            raise jwt.InvalidToken("unknown principal kind")
        return cls(
            sub=str(claims["sub"]),
            kind=kind,
            roles=tuple(claims.get("roles", [])),
            scopes=frozenset(str(claims.get("scope", "")).split()),
            name=claims.get("name"),
        )


class TokenVerifier(Protocol):
    def verify(self, token: str) -> Principal: ...


class StaticKeyVerifier:
    """Verifies against a JWKS held in memory (claims-api verifying its own tokens, and tests)."""

    def __init__(self, jwks: dict[str, Any], *, audience: str, issuer: str) -> None:
        self.jwks = jwks
        self.audience = audience
        self.issuer = issuer

    def verify(self, token: str) -> Principal:
        return Principal.from_claims(jwt.verify(token, self.jwks, audience=self.audience, issuer=self.issuer))


class JwksVerifier:
    """Verifies against the JWKS published by claims-api, cached for `cache_seconds`.

    An unknown key id triggers one refetch (key rotation), at most every 30 seconds.
    """

    MIN_REFRESH_SECONDS = 30.0

    def __init__(
        self, url: str, *, audience: str, issuer: str, cache_seconds: int, client: httpx.Client | None = None
    ) -> None:
        self.url = url
        self.audience = audience
        self.issuer = issuer
        self.cache_seconds = cache_seconds
        self.client = client or httpx.Client(timeout=5.0)
        self._jwks: dict[str, Any] | None = None
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def _fetch(self) -> dict[str, Any]:
        response = self.client.get(self.url)
        response.raise_for_status()
        jwks: dict[str, Any] = response.json()
        self._jwks, self._fetched_at = jwks, time.monotonic()
        return jwks

    def _keys(self, token: str) -> dict[str, Any]:
        with self._lock:
            age = time.monotonic() - self._fetched_at
            if self._jwks is None or age > self.cache_seconds:
                return self._fetch()
            if not jwt.has_kid(self._jwks, token) and age > self.MIN_REFRESH_SECONDS:
                return self._fetch()
            return self._jwks

    def verify(self, token: str) -> Principal:
        try:
            jwks = self._keys(token)
        except httpx.HTTPError as exc:
            log.error("cannot fetch JWKS from %s: %s", self.url, exc)
            raise AppError(
                503, "auth-unavailable", "Authentication unavailable", "Signing keys cannot be fetched"
            ) from exc
        return Principal.from_claims(jwt.verify(token, jwks, audience=self.audience, issuer=self.issuer))


def _unauthorized(detail: str) -> AppError:
    return AppError(401, "unauthorized", "Unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


def authenticate(request: Request) -> Principal:
    return authenticate_with(request, request.app.state.token_verifier)


def authenticate_with(request: Request, verifier: TokenVerifier) -> Principal:
    """The request's bearer token verified by `verifier` (e.g. one for another audience)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized("A bearer token is required")
    try:
        return verifier.verify(token.strip())
    except jwt.InvalidToken as exc:
        raise _unauthorized(str(exc)) from exc


def require_scopes(security_scopes: SecurityScopes, request: Request) -> Principal:
    """Use as `Security(require_scopes, scopes=[...])`: 401 without a valid token, 403 without the scopes."""
    principal = authenticate(request)
    missing = [s for s in security_scopes.scopes if not principal.has(s)]
    if missing:
        raise AppError(403, "forbidden", "Forbidden", f"Missing scope: {' '.join(missing)}")
    return principal
