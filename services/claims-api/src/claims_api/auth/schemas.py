from __future__ import annotations

from pydantic import BaseModel


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    scope: str


class Me(BaseModel):
    sub: str
    kind: str
    name: str | None
    roles: list[str]
    scopes: list[str]
