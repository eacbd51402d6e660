from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from sqlmodel import Session

from bengodan_common.auth import Principal
from claims_api.core.deps import SessionDep
from claims_api.idempotency.service import idempotent

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a create safely: the same key and body return the stored response.",
    ),
]


@dataclass(frozen=True)
class Once:
    """A create endpoint's idempotency context (request, session, `Idempotency-Key`)."""

    request: Request
    session: Session
    key: str | None

    def __call__(self, *, actor: Principal, body: Any, create: Callable[[], object]) -> object:
        return idempotent(
            session=self.session, actor=actor, key=self.key, request=self.request, body=body, create=create
        )


def _once(request: Request, session: SessionDep, idempotency_key: IdempotencyKeyHeader = None) -> Once:
    return Once(request=request, session=session, key=idempotency_key)


CreateOnce = Annotated[Once, Depends(_once)]
