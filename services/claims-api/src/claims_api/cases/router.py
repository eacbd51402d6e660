from __future__ import annotations

from fastapi import APIRouter, status

from claims_api.auth.deps import CasesRead, CasesWrite, ClaimsRead, ClaimsWrite
from claims_api.cases import service
from claims_api.cases.schemas import (
    CaseCreate,
    CaseRead,
    MemberAdd,
    MemberRead,
    ProceedingCreate,
    ProceedingRead,
    Recipient,
)
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(tags=["cases"])


@router.get("/cases", response_model=list[CaseRead])
def list_cases(session: SessionDep, _: CasesRead) -> object:
    return service.list_cases(session=session)


@router.post("/cases", response_model=CaseRead, status_code=status.HTTP_201_CREATED)
def create_case(
    data: CaseCreate,
    session: SessionDep,
    actor: CasesWrite,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        body=data,
        create=lambda: service.create_case(session=session, data=data, actor=actor),
    )


@router.get("/cases/{case_id}", response_model=CaseRead)
def get_case(case_id: int, session: SessionDep, _: CasesRead) -> object:
    return service.get_case(session=session, case_id=case_id)


@router.put("/cases/{case_id}", response_model=CaseRead)
def update_case(case_id: int, data: CaseCreate, session: SessionDep, actor: CasesWrite) -> object:
    return service.update_case(session=session, case_id=case_id, data=data, actor=actor)


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


@router.get("/proceedings/{proceeding_id}/recipients", response_model=list[Recipient])
def recipients(proceeding_id: int, session: SessionDep, _: ClaimsRead) -> object:
    """Members of the proceeding with their contact and reminder consent (used by notify)."""
    return service.recipients(session=session, proceeding_id=proceeding_id)
