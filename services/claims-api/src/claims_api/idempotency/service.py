"""Idempotency keys for create endpoints. Functions never commit; the key row shares the creation's transaction.

The row is inserted before the creation runs and completed with the response after it, so the
request's commit stores both or neither: a failed or crashed creation leaves no key behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict, Invalid
from claims_api.idempotency.models import COMPLETED, IN_FLIGHT, IdempotencyKey

REPLAYED_HEADER = "Idempotent-Replayed"


def request_hash(*, body: Any, query: list[tuple[str, str]]) -> str:
    """SHA-256 of the canonical JSON of the body (as parsed) and the sorted query parameters."""
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json")
    canonical = json.dumps(
        {"body": body, "query": sorted(query)}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _find(session: Session, principal: str, key: str) -> IdempotencyKey | None:
    return session.exec(
        select(IdempotencyKey).where(IdempotencyKey.principal == principal, IdempotencyKey.key == key)
    ).first()


def _claim(session: Session, *, principal: str, key: str, method: str, path: str, digest: str) -> IdempotencyKey | None:
    """Insert the in-flight row unless the key exists; the row when this request holds the key now.

    `INSERT … ON CONFLICT DO NOTHING` rather than a savepoint: on PostgreSQL it waits while a concurrent request
    holds the same key and inserts nothing once that one commits; on SQLite (pysqlite without the savepoint
    recipe) releasing a first savepoint would commit the row on its own, before the creation.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(IdempotencyKey)
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
        .returning(col(IdempotencyKey.id))
    )
    inserted = session.execute(statement).scalar_one_or_none()
    return None if inserted is None else session.get(IdempotencyKey, inserted)


def _replay(existing: IdempotencyKey, *, method: str, path: str, digest: str) -> JSONResponse:
    if (existing.method, existing.path, existing.request_hash) != (method, path, digest):
        raise Invalid("Idempotency-Key", "already used for a different request")
    if existing.state != COMPLETED or existing.status_code is None:
        raise Conflict("A request with this Idempotency-Key is still in progress; retry later")
    return JSONResponse(existing.response_body, status_code=existing.status_code, headers={REPLAYED_HEADER: "true"})


def idempotent(
    *,
    session: Session,
    actor: Principal,
    key: str | None,
    request: Request,
    body: Any,
    create: Callable[[], object],
) -> object:
    """Run `create` once per (principal, key): a repeat returns the stored status and JSON body.

    Same key with another body, query, method or path → 422 naming `Idempotency-Key`; a key whose first
    request has not completed → 409. Without a key, `create` just runs. The route's `response_model` and
    `status_code` decide what is stored, exactly as FastAPI would send it.
    """
    if key is None:
        return create()
    method, path = request.method, request.url.path
    digest = request_hash(body=body, query=list(request.query_params.multi_items()))
    row = _claim(session, principal=actor.sub, key=key, method=method, path=path, digest=digest)
    if row is None:
        winner = _find(session, actor.sub, key)
        if winner is None:  # the holder rolled back between our insert and our read: the client may retry
            raise Conflict("A request with this Idempotency-Key was just abandoned; retry")
        return _replay(winner, method=method, path=path, digest=digest)

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
