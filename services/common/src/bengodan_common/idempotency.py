"""`Idempotency-Key` for create endpoints: a repeat of a create returns the stored response instead of creating again.

Each service declares its own table from `IdempotencyKeyBase`, in its own metadata, and its own dependency:

    class IdempotencyKey(IdempotencyKeyBase, table=True):  # SQLModel's metadata; notify adds its `NotifyModel`
        __tablename__ = "idempotency_keys"

    CreateOnce = Annotated[Once, Depends(once_dependency(IdempotencyKey))]

    @router.post("/things", response_model=ThingRead, status_code=201)
    def create_thing(data: ThingCreate, session: SessionDep, actor: Writer, once: CreateOnce) -> object:
        return once(actor=actor, body=data, create=lambda: service.create(session=session, data=data, actor=actor))

Nothing here commits: the key row goes into the request's session (`bengodan_common.db.get_session`, which the
endpoint must use too), inserted before the creation runs and completed with the response after it, so the
request's commit stores both or neither: a failed or crashed creation leaves no key behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import JSON, UniqueConstraint
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, Session, SQLModel, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import UTCDateTime, get_session, utcnow
from bengodan_common.errors import Conflict, Invalid

IN_FLIGHT, COMPLETED = "in_flight", "completed"
REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotencyKeyBase(SQLModel):
    """The columns of a service's key table (not a table itself): one row per (principal, key) of a create
    request, with the request's hash and, once completed, the status and JSON response to replay.

    A subclass with `table=True` and a `__tablename__` is the table, in the metadata of its other bases. Only
    plain types here (`sa_type`, no `Column` objects) and a `declared_attr` for the unique constraint, so that
    each table gets its own columns and constraint (named by its metadata's naming convention:
    `uq_<table>_principal`). `claim` relies on that constraint.
    """

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (UniqueConstraint("principal", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    principal: str = Field(max_length=200)  # the token's `sub`
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=500)
    request_hash: str = Field(max_length=64)  # SHA-256 of the canonical JSON body and query
    status_code: int | None = None
    response_body: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    state: str = Field(default=IN_FLIGHT, max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


KeyTable = type[IdempotencyKeyBase]
"""A service's table class (a `table=True` subclass of `IdempotencyKeyBase`)."""


def request_hash(*, body: Any, query: list[tuple[str, str]]) -> str:
    """SHA-256 of the canonical JSON of the body (as parsed) and the sorted query parameters."""
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json")
    canonical = json.dumps(
        {"body": body, "query": sorted(query)}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def find(session: Session, model: KeyTable, *, principal: str, key: str) -> IdempotencyKeyBase | None:
    """The row of (principal, key), if any."""
    return session.exec(select(model).where(model.principal == principal, model.key == key)).first()


def claim(
    session: Session, model: KeyTable, *, principal: str, key: str, method: str, path: str, digest: str
) -> IdempotencyKeyBase | None:
    """Insert the in-flight row unless the key exists; the row when this request holds the key now.

    `INSERT … ON CONFLICT DO NOTHING` rather than a savepoint: on PostgreSQL it waits while a concurrent request
    holds the same key and inserts nothing once that one commits; on SQLite (pysqlite without the savepoint
    recipe) releasing a first savepoint would commit the row on its own, before the creation.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(model)
        .values(
            principal=principal,
            key=key,
            method=method,
            path=path,
            request_hash=digest,
            state=IN_FLIGHT,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["principal", "key"])
        .returning(col(model.id))
    )
    inserted = session.execute(statement).scalar_one_or_none()
    return None if inserted is None else session.get(model, inserted)


def replay(existing: IdempotencyKeyBase, *, method: str, path: str, digest: str) -> JSONResponse:
    """The stored response of a completed key; 422 naming `Idempotency-Key` for another request, 409 in flight."""
    if (existing.method, existing.path, existing.request_hash) != (method, path, digest):
        raise Invalid("Idempotency-Key", "already used for a different request")
    if existing.state != COMPLETED or existing.status_code is None:
        raise Conflict("A request with this Idempotency-Key is still in progress; retry later")
    return JSONResponse(existing.response_body, status_code=existing.status_code, headers={REPLAYED_HEADER: "true"})


def idempotent(
    *,
    model: KeyTable,
    session: Session,
    actor: Principal,
    key: str | None,
    request: Request,
    body: Any,
    create: Callable[[], object],
) -> object:
    """Run `create` once per (principal, key) in `model`'s table: a repeat returns the stored status and JSON body
    with `Idempotent-Replayed: true`.

    Same key with another body, query, method or path → 422 naming `Idempotency-Key`; a key whose first
    request has not completed → 409. Without a key, `create` just runs. The route's `response_model` and
    `status_code` decide what is stored, exactly as FastAPI would send it.
    """
    if key is None:
        return create()
    method, path = request.method, request.url.path
    digest = request_hash(body=body, query=list(request.query_params.multi_items()))
    row = claim(session, model, principal=actor.sub, key=key, method=method, path=path, digest=digest)
    if row is None:
        winner = find(session, model, principal=actor.sub, key=key)
        if winner is None:  # the holder rolled back between our insert and our read: the client may retry
            raise Conflict("A request with this Idempotency-Key was just abandoned; retry")
        return replay(winner, method=method, path=path, digest=digest)

    route = request.scope["route"]
    assert isinstance(route, APIRoute) and route.response_model is not None
    result = _as_response_model(create(), route.response_model)
    row.status_code = int(route.status_code or 200)
    row.response_body = TypeAdapter(route.response_model).dump_python(result, mode="json", by_alias=True)
    row.state = COMPLETED
    row.completed_at = utcnow()
    session.add(row)
    session.flush()
    return result


def _as_response_model(content: object, response_model: Any) -> Any:
    # As FastAPI does: a pydantic object (e.g. a table row) is dumped first, then validated as the response model.
    already = isinstance(response_model, type) and isinstance(content, response_model)
    if isinstance(content, BaseModel) and not already:
        content = content.model_dump(by_alias=True)
    return TypeAdapter(response_model).validate_python(content, from_attributes=True)


IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a create safely: the same key and body return the stored response.",
    ),
]

_Session = Annotated[Session, Depends(get_session, scope="function")]  # the endpoint's session (same cache key)


@dataclass(frozen=True)
class Once:
    """A create endpoint's idempotency context (key table, request, session, `Idempotency-Key`)."""

    model: KeyTable
    request: Request
    session: Session
    key: str | None

    def __call__(self, *, actor: Principal, body: Any, create: Callable[[], object]) -> object:
        return idempotent(
            model=self.model,
            session=self.session,
            actor=actor,
            key=self.key,
            request=self.request,
            body=body,
            create=create,
        )


def once_dependency(model: KeyTable) -> Callable[..., Once]:
    """The FastAPI dependency giving a `Once` on `model`'s table: `Annotated[Once, Depends(once_dependency(T))]`.

    It reads the optional `Idempotency-Key` header (documented in OpenAPI) and takes the request's session from
    `bengodan_common.db.get_session` (scope "function"), the one the endpoint's own session dependency must be,
    so that the key row and the creation share one transaction.
    """
    if getattr(model, "__table__", None) is None:
        raise TypeError(f"{model.__name__} is not a table: declare it with table=True and a __tablename__")

    def once(request: Request, session: _Session, idempotency_key: IdempotencyKeyHeader = None) -> Once:
        return Once(model=model, request=request, session=session, key=idempotency_key)

    return once
