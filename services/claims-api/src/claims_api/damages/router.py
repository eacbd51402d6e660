from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from bengodan_common.etag import etag_of
from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.core.deps import SessionDep
from claims_api.damages import service
from claims_api.damages.schemas import (
    ClaimantSummary,
    DamageItemCreate,
    DamageItemPreview,
    DamageItemRead,
    DamageItemUpdate,
)
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(prefix="/claimants/{claimant_id}", tags=["damages"])


@router.get("/damage-items", response_model=list[DamageItemRead])
def list_items(claimant_id: int, session: SessionDep, _: ClaimsRead) -> object:
    return service.list_items(session=session, claimant_id=claimant_id)


@router.post("/damage-items", response_model=DamageItemRead, status_code=status.HTTP_201_CREATED)
def create_item(
    claimant_id: int,
    data: DamageItemCreate,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        body=data,
        create=lambda: service.create(session=session, claimant_id=claimant_id, data=data, actor=actor),
    )


@router.post("/damage-items/preview", response_model=DamageItemPreview)
def preview_item(claimant_id: int, data: DamageItemCreate, session: SessionDep, _: ClaimsRead) -> DamageItemPreview:
    """The amount and 計算式 these inputs give, without saving: for live feedback while editing."""
    return service.preview(session=session, claimant_id=claimant_id, data=data)


@router.get("/damage-items/{item_id}", response_model=DamageItemRead)
def get_item(claimant_id: int, item_id: int, response: Response, session: SessionDep, _: ClaimsRead) -> DamageItemRead:
    """One item, with the `ETag` to send back in `If-Match` when changing or deleting it."""
    return _with_etag(response, service.get_item(session=session, claimant_id=claimant_id, item_id=item_id))


@router.put("/damage-items/{item_id}", response_model=DamageItemRead)
def replace_item(
    claimant_id: int,
    item_id: int,
    data: DamageItemCreate,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> DamageItemRead:
    """New inputs in full (the head cannot change): the amount and 計算式 are recomputed."""
    item = service.replace(
        session=session, claimant_id=claimant_id, item_id=item_id, data=data, actor=actor, if_match=if_match
    )
    return _with_etag(response, item)


@router.patch("/damage-items/{item_id}", response_model=DamageItemRead)
def update_item(
    claimant_id: int,
    item_id: int,
    data: DamageItemUpdate,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> DamageItemRead:
    item = service.update(
        session=session, claimant_id=claimant_id, item_id=item_id, data=data, actor=actor, if_match=if_match
    )
    return _with_etag(response, item)


@router.delete("/damage-items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(
    claimant_id: int,
    item_id: int,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    service.delete(session=session, claimant_id=claimant_id, item_id=item_id, actor=actor, if_match=if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _with_etag(response: Response, item: DamageItemRead) -> DamageItemRead:
    response.headers["ETag"] = etag_of(item)
    return item


@router.get("/summary", response_model=ClaimantSummary)
def summary(claimant_id: int, session: SessionDep, _: ClaimsRead, as_of: date | None = None) -> ClaimantSummary:
    """Totals per head and legal basis; with `as_of`, the delay damages up to that day (once served)."""
    return service.summary(session=session, claimant_id=claimant_id, as_of=as_of)
