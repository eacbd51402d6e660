from __future__ import annotations

from pydantic import BaseModel


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int
    scope: str


class Me(BaseModel):
    sub: str
    kind: str
    name: str | None
    roles: list[str]
    scopes: list[str]
