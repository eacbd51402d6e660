from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from bengodan_common.etag import etag_of
from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.claimants import service
from claims_api.claimants.schemas import (
    ChecklistUpdate,
    ClaimantCreate,
    ClaimantFilters,
    ClaimantIds,
    ClaimantPage,
    ClaimantRead,
    ClaimantUpdate,
    DeficiencyCreate,
    DeficiencyRead,
    StageChangeRead,
    StageChangeRequest,
)
from claims_api.claimants.stages import ChecklistItem
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(prefix="/claimants", tags=["claimants"])


@router.get("", response_model=ClaimantPage)
def list_claimants(
    session: SessionDep,
    _: ClaimsRead,
    filters: Annotated[ClaimantFilters, Query()],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    page = service.search(session=session, filters=filters, limit=limit, offset=offset)
    # Validated once by the service; FastAPI would dump and validate the page again (most of its cost).
    return Response(content=page.model_dump_json(), media_type="application/json")


@router.get("/ids", response_model=ClaimantIds)
def matching_claimant_ids(session: SessionDep, _: ClaimsRead, filters: Annotated[ClaimantFilters, Query()]) -> object:
    """The ids of every claimant the list's filters match (the same query as the list, without the page), in
    the list's order: "select all N matching". At most 10,000; more is a 422 asking for narrower filters."""
    return service.matching_ids(session=session, filters=filters)


@router.post("", response_model=ClaimantRead, status_code=status.HTTP_201_CREATED)
def create_claimant(
    data: ClaimantCreate,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    """Create a claimant; possible duplicates are returned in `duplicates` and flagged, not refused."""

    def create() -> ClaimantRead:
        claimant = service.create(session=session, data=data, actor=actor)
        return _with_etag(response, service.read(session=session, claimant=claimant))

    return once(actor=actor, body=data, create=create)


def _with_etag(response: Response, claimant: ClaimantRead) -> ClaimantRead:
    response.headers["ETag"] = etag_of(claimant)
    return claimant


@router.get("/{claimant_id}", response_model=ClaimantRead)
def get_claimant(claimant_id: int, response: Response, session: SessionDep, _: ClaimsRead) -> ClaimantRead:
    """The claimant; its `ETag` goes back in `If-Match` on PATCH so that a concurrent change is not lost."""
    return _with_etag(
        response, service.read(session=session, claimant=service.get(session=session, claimant_id=claimant_id))
    )


@router.patch("/{claimant_id}", response_model=ClaimantRead)
def update_claimant(
    claimant_id: int,
    data: ClaimantUpdate,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> ClaimantRead:
    claimant = service.update(session=session, claimant_id=claimant_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, service.read(session=session, claimant=claimant))


@router.post("/{claimant_id}/stage", response_model=ClaimantRead)
def change_stage(
    claimant_id: int,
    data: StageChangeRequest,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> ClaimantRead:
    """Forward when the checklist up to the target stage is complete (409 lists what is missing);
    back only with a note."""
    claimant = service.change_stage(session=session, claimant_id=claimant_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, service.read(session=session, claimant=claimant))


@router.get("/{claimant_id}/stage-history", response_model=list[StageChangeRead])
def stage_history(claimant_id: int, session: SessionDep, _: ClaimsRead) -> object:
    return service.stage_history(session=session, claimant_id=claimant_id)


@router.put("/{claimant_id}/checklist/{item}", response_model=ClaimantRead)
def set_checklist_item(
    claimant_id: int,
    item: ChecklistItem,
    data: ChecklistUpdate,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> ClaimantRead:
    claimant = service.set_checklist_item(
        session=session,
        claimant_id=claimant_id,
        item=item,
        received_on=data.received_on,
        actor=actor,
        if_match=if_match,
    )
    return _with_etag(response, service.read(session=session, claimant=claimant))


@router.post("/{claimant_id}/deficiencies", response_model=DeficiencyRead, status_code=status.HTTP_201_CREATED)
def add_deficiency(
    claimant_id: int,
    data: DeficiencyCreate,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        body=data,
        create=lambda: service.add_deficiency(session=session, claimant_id=claimant_id, data=data, actor=actor),
    )


@router.post("/{claimant_id}/deficiencies/{deficiency_id}/resolve", response_model=DeficiencyRead)
def resolve_deficiency(claimant_id: int, deficiency_id: int, session: SessionDep, actor: ClaimsWrite) -> object:
    return service.resolve_deficiency(
        session=session, claimant_id=claimant_id, deficiency_id=deficiency_id, actor=actor
    )


@router.post("/{claimant_id}/duplicates/{other_id}/dismiss", response_model=ClaimantRead)
def dismiss_duplicate(
    claimant_id: int,
    other_id: int,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: Annotated[str | None, Header()] = None,
) -> ClaimantRead:
    claimant = service.dismiss_duplicate(
        session=session, claimant_id=claimant_id, other_id=other_id, actor=actor, if_match=if_match
    )
    return _with_etag(response, service.read(session=session, claimant=claimant))
