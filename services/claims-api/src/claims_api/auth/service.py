"""Token issuing for the OAuth2 password and client-credentials grants."""

from __future__ import annotations

from sqlmodel import Session, select

from bengodan_common import jwt
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError
from claims_api.audit import service as audit
from claims_api.auth.passwords import verify_secret
from claims_api.auth.roles import ROLE_SCOPES, Role
from claims_api.auth.schemas import TokenResponse
from claims_api.clients.service import matching_secret
from claims_api.core.config import AuthSettings
from claims_api.users.models import Client, User


def _oauth_error(status: int, error: str, detail: str) -> AppError:
    # RFC 6749 §5.2 names the error; the body is problem+json with `error` as an extension member.
    headers = {"WWW-Authenticate": 'Basic realm="token"'} if error == "invalid_client" else None
    return AppError(
        status,
        f"oauth-{error}",
        "Token request refused",
        detail,
        headers=headers,
        extensions={"error": error},
    )


def password_grant(
    *, session: Session, auth: AuthSettings, key_pem: str, username: str, password: str
) -> TokenResponse:
    user = session.exec(select(User).where(User.email == username.strip().lower())).first()
    if not verify_secret(user.password_hash if user else None, password) or user is None or not user.is_active:
        audit.record_independently(
            session=session, actor=f"login:{username[:80]}", action="login.failed", entity="user"
        )
        raise _oauth_error(400, "invalid_grant", "メールアドレスまたはパスワードが正しくありません")
    scopes = sorted(ROLE_SCOPES[Role(user.role)])
    token = jwt.issue(
        private_key_pem=key_pem,
        issuer=auth.issuer,
        audience=auth.audience,
        subject=f"user:{user.id}",
        ttl_seconds=auth.user_token_ttl_seconds,
        claims={"kind": "user", "roles": [user.role], "scope": " ".join(scopes), "name": user.name},
    )
    audit.record(session=session, actor=f"user:{user.id}", action="login", entity="user", entity_id=str(user.id))
    return TokenResponse(access_token=token, expires_in=auth.user_token_ttl_seconds, scope=" ".join(scopes))


def client_credentials_grant(
    *,
    session: Session,
    auth: AuthSettings,
    key_pem: str,
    client_id: str,
    client_secret: str,
    scope: str | None,
) -> TokenResponse:
    client = session.exec(select(Client).where(Client.client_id == client_id)).first()
    # The current secret, or the one a rotation replaced while its grace period lasts; never a revoked client.
    used = matching_secret(client, client_secret, now=utcnow())
    if used is None or client is None or not client.is_active or client.revoked_at is not None:
        audit.record_independently(
            session=session, actor=f"client:{client_id[:80]}", action="login.failed", entity="client"
        )
        raise _oauth_error(401, "invalid_client", "Unknown client or wrong secret")
    allowed = set(client.scopes.split())
    requested = set(scope.split()) if scope else allowed
    if not requested <= allowed:
        raise _oauth_error(400, "invalid_scope", f"Scope not allowed: {' '.join(sorted(requested - allowed))}")
    partner = client.kind == "partner"
    ttl = auth.partner_token_ttl_seconds if partner else auth.service_token_ttl_seconds
    granted = " ".join(sorted(requested))
    token = jwt.issue(
        private_key_pem=key_pem,
        issuer=auth.issuer,
        audience=auth.partner_audience if partner else auth.audience,
        subject=f"client:{client.client_id}",
        ttl_seconds=ttl,
        claims={"kind": client.kind, "scope": granted, "name": client.name},
    )
    audit.record(
        session=session,
        actor=f"client:{client.client_id}",
        action="login",
        entity="client",
        # Shows the admin who still uses a rotated-out secret before its grace period ends.
        detail={"secret": "previous"} if used == "previous" else None,
    )
    return TokenResponse(access_token=token, expires_in=ttl, scope=granted)


def internal_service_token(*, auth: AuthSettings, key_pem: str, scope: str) -> str:
    """A token claims-api gives itself to call another service (e.g. the outbox relay → notify)."""
    return jwt.issue(
        private_key_pem=key_pem,
        issuer=auth.issuer,
        audience=auth.audience,
        subject="client:claims-api",
        ttl_seconds=auth.service_token_ttl_seconds,
        claims={"kind": "service", "scope": scope, "name": "claims-api"},
    )
