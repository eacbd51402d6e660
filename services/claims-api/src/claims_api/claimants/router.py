from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.claimants import service
from claims_api.claimants.schemas import ClaimantCreate, ClaimantPage, ClaimantRead, ClaimantUpdate
from claims_api.core.deps import SessionDep

router = APIRouter(prefix="/claimants", tags=["claimants"])


@router.get("", response_model=ClaimantPage)
def list_claimants(
    session: SessionDep,
    _: ClaimsRead,
    case_id: int | None = None,
    q: Annotated[str | None, Query(max_length=100, description="name, kana, office or registration number")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ClaimantPage:
    return service.search(session=session, case_id=case_id, q=q, limit=limit, offset=offset)


@router.post("", response_model=ClaimantRead, status_code=status.HTTP_201_CREATED)
def create_claimant(data: ClaimantCreate, session: SessionDep, actor: ClaimsWrite) -> object:
    return service.create(session=session, data=data, actor=actor)


@router.get("/{claimant_id}", response_model=ClaimantRead)
def get_claimant(claimant_id: int, session: SessionDep, _: ClaimsRead) -> object:
    return service.get(session=session, claimant_id=claimant_id)


@router.patch("/{claimant_id}", response_model=ClaimantRead)
def update_claimant(claimant_id: int, data: ClaimantUpdate, session: SessionDep, actor: ClaimsWrite) -> object:
    return service.update(session=session, claimant_id=claimant_id, data=data, actor=actor)
