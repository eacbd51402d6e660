from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Header, Response, status
from pydantic import BaseModel

from bengodan_common.etag import etag_of
from claims_api.auth.deps import CasesRead, CasesWrite, ClaimsRead, ClaimsWrite
from claims_api.cases import service
from claims_api.cases.schemas import (
    CaseCreate,
    CaseRead,
    MemberAdd,
    MemberRead,
    ProceedingCreate,
    ProceedingRead,
    ProceedingUpdate,
    Recipient,
)
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(tags=["cases"])

IfMatch = Annotated[
    str | None,
    Header(description="the ETag of the last read: a stale one is refused with 412 and changes nothing"),
]


Representation = TypeVar("Representation", bound=BaseModel)


def _with_etag(response: Response, representation: Representation) -> Representation:
    response.headers["ETag"] = etag_of(representation)
    return representation


@router.get("/cases", response_model=list[CaseRead])
def list_cases(session: SessionDep, _: CasesRead) -> object:
    return service.list_cases(session=session)


@router.post("/cases", response_model=CaseRead, status_code=status.HTTP_201_CREATED)
def create_case(
    data: CaseCreate,
    response: Response,
    session: SessionDep,
    actor: CasesWrite,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        body=data,
        create=lambda: _with_etag(
            response, service.read_case(service.create_case(session=session, data=data, actor=actor))
        ),
    )


@router.get("/cases/{case_id}", response_model=CaseRead)
def get_case(case_id: int, response: Response, session: SessionDep, _: CasesRead) -> CaseRead:
    """The case; its `ETag` goes back in `If-Match` on PUT so that a concurrent change is not lost."""
    return _with_etag(response, service.read_case(service.get_case(session=session, case_id=case_id)))


@router.put("/cases/{case_id}", response_model=CaseRead)
def update_case(
    case_id: int, data: CaseCreate, response: Response, session: SessionDep, actor: CasesWrite, if_match: IfMatch = None
) -> CaseRead:
    """Replace the case: every field is written, those left out take their defaults (send what GET returned)."""
    case = service.update_case(session=session, case_id=case_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, service.read_case(case))


@router.get("/cases/{case_id}/proceedings", response_model=list[ProceedingRead])
def list_proceedings(case_id: int, session: SessionDep, _: CasesRead) -> object:
    return service.list_proceedings(session=session, case_id=case_id)


@router.post("/cases/{case_id}/proceedings", response_model=ProceedingRead, status_code=status.HTTP_201_CREATED)
def create_proceeding(
    case_id: int,
    data: ProceedingCreate,
    session: SessionDep,
    actor: CasesWrite,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        body=data,
        create=lambda: service.create_proceeding(session=session, case_id=case_id, data=data, actor=actor),
    )


@router.get("/proceedings/{proceeding_id}", response_model=ProceedingRead)
def get_proceeding(proceeding_id: int, response: Response, session: SessionDep, _: CasesRead) -> ProceedingRead:
    """The proceeding; its `ETag` goes back in `If-Match` on PATCH and on removing a member."""
    proceeding = service.get_proceeding(session=session, proceeding_id=proceeding_id)
    return _with_etag(response, service.read_proceeding(session=session, proceeding=proceeding))


@router.patch("/proceedings/{proceeding_id}", response_model=ProceedingRead)
def update_proceeding(
    proceeding_id: int,
    data: ProceedingUpdate,
    response: Response,
    session: SessionDep,
    actor: CasesWrite,
    if_match: IfMatch = None,
) -> ProceedingRead:
    """Change the filing date, court, case number, status or name."""
    proceeding = service.update_proceeding(
        session=session, proceeding_id=proceeding_id, data=data, actor=actor, if_match=if_match
    )
    return _with_etag(response, service.read_proceeding(session=session, proceeding=proceeding))


@router.post("/proceedings/{proceeding_id}/members", response_model=MemberRead, status_code=status.HTTP_201_CREATED)
def add_member(
    proceeding_id: int,
    data: MemberAdd,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        body=data,
        create=lambda: service.add_member(session=session, proceeding_id=proceeding_id, data=data, actor=actor),
    )


@router.delete("/proceedings/{proceeding_id}/members/{claimant_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(
    proceeding_id: int, claimant_id: int, session: SessionDep, actor: ClaimsWrite, if_match: IfMatch = None
) -> None:
    """Take the claimant out of the proceeding; `If-Match` takes the proceeding's ETag."""
    service.remove_member(
        session=session, proceeding_id=proceeding_id, claimant_id=claimant_id, actor=actor, if_match=if_match
    )


@router.get("/proceedings/{proceeding_id}/recipients", response_model=list[Recipient])
def recipients(proceeding_id: int, session: SessionDep, _: ClaimsRead) -> object:
    """Members of the proceeding with their contact and reminder consent (used by notify)."""
    return service.recipients(session=session, proceeding_id=proceeding_id)
