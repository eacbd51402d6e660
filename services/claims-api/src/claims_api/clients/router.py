"""Administration of machine clients (the partner insurer, other services): admins only (`clients:admin`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response, status

from claims_api.auth.deps import ClientsAdmin
from claims_api.clients import service
from claims_api.clients.schemas import ClientCreate, ClientCreated, ClientRead, ClientSecretRotated, SecretRotate
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce
from claims_api.users.models import Client

router = APIRouter(prefix="/clients", tags=["clients"])


def _no_store(response: Response) -> None:
    # A response carrying a secret must not be kept by a browser or a proxy (as RFC 6749 §5.1 asks of tokens).
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


def _read(client: Client) -> ClientRead:
    return ClientRead.model_validate(client)


@router.get("", response_model=list[ClientRead])
def list_clients(session: SessionDep, _: ClientsAdmin) -> object:
    """Every client, revoked ones included; never a secret or a hash of one."""
    return service.list_clients(session=session)


@router.post("", response_model=ClientCreated, status_code=status.HTTP_201_CREATED)
def create_client(
    data: ClientCreate,
    session: SessionDep,
    actor: ClientsAdmin,
    once: CreateOnce,
    response: Response,
) -> object:
    """Register a client. Its secret is generated, returned in `client_secret` of this response only, and stored
    hashed."""
    # Idempotency-Key is accepted, but the secret never enters the stored record: CreateOnce stores the response
    # body as JSON in `idempotency_keys`, so the body it sees and stores has `client_secret: null`, and the secret
    # is added to the first response only, after CreateOnce returns. A repeat under the same key replays that
    # stored body (the client exists, the secret is not shown again: rotate it if the first response was lost).
    # Refusing the header instead would leave a retried create with a bare 409 and break the rule that every
    # create takes an Idempotency-Key; replaying the secret would keep a plain copy of it in the database.
    issued: list[str] = []

    def create() -> ClientCreated:
        client, secret = service.create_client(
            session=session,
            client_id=data.client_id,
            name=data.name,
            kind=data.kind,
            scopes=data.scopes,
            insurer=data.insurer,
            actor=actor,
        )
        issued.append(secret)
        return ClientCreated(**_read(client).model_dump(), client_secret=None)

    result = once(actor=actor, body=data, create=create)
    if not issued:  # a replay: the stored response, without the secret
        return result
    assert isinstance(result, ClientCreated)
    _no_store(response)
    return result.model_copy(update={"client_secret": issued[0]})


@router.get("/{client_id}", response_model=ClientRead)
def get_client(client_id: str, session: SessionDep, _: ClientsAdmin) -> object:
    return service.get(session=session, client_id=client_id)


@router.post("/{client_id}/rotate-secret", response_model=ClientSecretRotated)
def rotate_secret(
    client_id: str,
    session: SessionDep,
    actor: ClientsAdmin,
    response: Response,
    data: Annotated[SecretRotate | None, Body()] = None,
) -> ClientSecretRotated:
    """Issue a new secret (in this response only). The replaced one keeps working until
    `previous_secret_expires_at` (`grace_hours`, default 24, 0 = at once); rotating again ends that grace.
    Not idempotent and takes no Idempotency-Key: each call issues a new secret, and none is ever stored to replay.
    """
    grace_hours = (data or SecretRotate()).grace_hours
    client, secret = service.rotate_secret(session=session, client_id=client_id, grace_hours=grace_hours, actor=actor)
    _no_store(response)
    return ClientSecretRotated(**_read(client).model_dump(), client_secret=secret)


@router.post("/{client_id}/revoke", response_model=ClientRead)
def revoke_client(client_id: str, session: SessionDep, actor: ClientsAdmin) -> object:
    """Revoke the client: no token is issued to it any more (tokens already issued run out at their expiry).
    Revoking a revoked client returns it unchanged."""
    return service.revoke(session=session, client_id=client_id, actor=actor)
