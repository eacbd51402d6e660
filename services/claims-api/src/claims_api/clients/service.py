"""Machine clients (services and the partner insurer): registration, secret rotation with a grace period, revocation.

A secret is generated here, returned once to the caller, and stored only as an argon2 hash. Nothing in this
module logs or audits a secret.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict, Invalid, NotFound
from claims_api.audit import service as audit
from claims_api.auth.passwords import hash_secret, verify_secret
from claims_api.auth.roles import PARTNER_SCOPES, SERVICE_SCOPES
from claims_api.clients.schemas import ClientKind
from claims_api.users.models import Client

# `client:claims-api` is the subject of the tokens claims-api gives itself (auth.service.internal_service_token);
# a registered client of that name would be indistinguishable from it in tokens and in the audit log.
RESERVED_CLIENT_IDS = frozenset({"claims-api"})

ALLOWED_SCOPES: dict[ClientKind, frozenset[str]] = {
    ClientKind.service: SERVICE_SCOPES,
    ClientKind.partner: PARTNER_SCOPES,
}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def list_clients(*, session: Session) -> list[Client]:
    return list(session.exec(select(Client).order_by(col(Client.client_id))))


def get(*, session: Session, client_id: str, for_update: bool = False) -> Client:
    query = select(Client).where(Client.client_id == client_id)
    if for_update:  # PostgreSQL: concurrent rotations or revocations of one client run one after the other
        query = query.with_for_update()
    client = session.exec(query).first()
    if client is None:
        raise NotFound("client", client_id)
    return client


def create_client(
    *,
    session: Session,
    client_id: str,
    name: str,
    kind: str,
    scopes: list[str],
    insurer: str | None = None,
    secret: str | None = None,
    actor: Principal | str,
) -> tuple[Client, str]:
    """Register a client; returns it and its secret (generated unless given: the API never gives one, the CLI and
    the demo seed may)."""
    try:
        client_kind = ClientKind(kind)
    except ValueError:
        raise Invalid("kind", f"must be one of: {', '.join(k.value for k in ClientKind)}") from None
    if client_id in RESERVED_CLIENT_IDS:
        raise Invalid("client_id", f"{client_id} is reserved")
    if not scopes:
        raise Invalid("scopes", "at least one scope is required")
    unknown = sorted(set(scopes) - ALLOWED_SCOPES[client_kind])
    if unknown:
        raise Invalid("scopes", f"not allowed for a {client_kind.value} client: {' '.join(unknown)}")
    insurer = insurer.strip() if insurer else None
    if client_kind is ClientKind.partner and not insurer:
        raise Invalid("insurer", "required for a partner client")
    if client_kind is not ClientKind.partner and insurer:
        raise Invalid("insurer", "only a partner client names an insurer")
    if session.exec(select(Client).where(Client.client_id == client_id)).first() is not None:
        raise Conflict(f"client {client_id} exists")
    secret = secret or new_secret()
    client = Client(
        client_id=client_id,
        name=name,
        kind=client_kind.value,
        insurer=insurer,
        scopes=" ".join(sorted(set(scopes))),
        secret_hash=hash_secret(secret),
    )
    session.add(client)
    try:
        session.flush()
    except IntegrityError:  # created concurrently; the request's transaction is rolled back with the error
        raise Conflict(f"client {client_id} exists") from None
    audit.record(
        session=session,
        actor=actor,
        action="client.create",
        entity="client",
        entity_id=client_id,
        detail={"kind": client.kind, "insurer": insurer, "scopes": client.scopes.split()},
    )
    return client, secret


def rotate_secret(*, session: Session, client_id: str, grace_hours: int, actor: Principal) -> tuple[Client, str]:
    """Give the client a new secret; the one it replaces keeps working for `grace_hours` (0: not at all).

    Only the secret being replaced gets a grace period: rotating again ends the grace of an older one at once.
    """
    client = get(session=session, client_id=client_id, for_update=True)
    if not client.is_active:
        raise Conflict(f"client {client_id} is revoked; register a new client instead")
    secret = new_secret()
    now = utcnow()
    if grace_hours > 0:
        client.previous_secret_hash = client.secret_hash
        client.previous_secret_expires_at = now + timedelta(hours=grace_hours)
    else:
        client.previous_secret_hash = None
        client.previous_secret_expires_at = None
    client.secret_hash = hash_secret(secret)
    client.secret_rotated_at = now
    session.add(client)
    session.flush()
    expires = client.previous_secret_expires_at
    audit.record(
        session=session,
        actor=actor,
        action="client.secret.rotate",
        entity="client",
        entity_id=client_id,
        detail={"grace_hours": grace_hours, "previous_secret_expires_at": expires.isoformat() if expires else None},
    )
    return client, secret


def revoke(*, session: Session, client_id: str, actor: Principal) -> Client:
    """Revoke the client: no token is issued to it again. The partner API refuses a revoked partner's tokens at
    once (it looks the client up on every request); a service's tokens run out at their expiry (15 minutes).

    Idempotent: revoking a revoked client changes nothing and records nothing.
    """
    client = get(session=session, client_id=client_id, for_update=True)
    if client.revoked_at is not None:
        return client
    client.is_active = False
    client.revoked_at = utcnow()
    client.previous_secret_hash = None
    client.previous_secret_expires_at = None
    session.add(client)
    session.flush()
    audit.record(session=session, actor=actor, action="client.revoke", entity="client", entity_id=client_id)
    return client


def matching_secret(client: Client | None, secret: str, *, now: datetime) -> Literal["current", "previous"] | None:
    """Which of the client's secrets `secret` is: the current one, the previous one within its grace period, or
    neither. An unknown client is verified against a dummy hash, so it costs what a wrong secret does; the
    previous hash is verified only when the current one fails (argon2 costs ~50 ms a verification)."""
    if verify_secret(client.secret_hash if client else None, secret):
        return "current"
    if (
        client is not None
        and client.previous_secret_hash is not None
        and client.previous_secret_expires_at is not None
        and now < client.previous_secret_expires_at
        and verify_secret(client.previous_secret_hash, secret)
    ):
        return "previous"
    return None
