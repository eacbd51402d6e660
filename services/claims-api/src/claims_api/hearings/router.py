from __future__ import annotations

from fastapi import APIRouter, status

from claims_api.auth.deps import HearingsRead, HearingsWrite
from claims_api.core.deps import SessionDep
from claims_api.hearings import service
from claims_api.hearings.schemas import HearingCreate, HearingRead, HearingUpdate
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(prefix="/hearings", tags=["hearings"])


@router.get("", response_model=list[HearingRead])
def list_hearings(
    session: SessionDep, _: HearingsRead, proceeding_id: int | None = None, upcoming: bool = False
) -> object:
    return service.list_hearings(session=session, proceeding_id=proceeding_id, upcoming=upcoming)


@router.post("", response_model=HearingRead, status_code=status.HTTP_201_CREATED)
def create_hearing(
    data: HearingCreate,
    session: SessionDep,
    actor: HearingsWrite,
    once: CreateOnce,
) -> object:
    """Schedule a hearing; notify receives the event and tells the proceeding's claimants."""
    return once(
        actor=actor,
        body=data,
        create=lambda: service.create(session=session, data=data, actor=actor),
    )


@router.get("/{hearing_id}", response_model=HearingRead)
def get_hearing(hearing_id: int, session: SessionDep, _: HearingsRead) -> object:
    return service.get(session=session, hearing_id=hearing_id)


@router.patch("/{hearing_id}", response_model=HearingRead)
def update_hearing(hearing_id: int, data: HearingUpdate, session: SessionDep, actor: HearingsWrite) -> object:
    return service.update(session=session, hearing_id=hearing_id, data=data, actor=actor)


@router.post("/{hearing_id}/cancel", response_model=HearingRead)
def cancel_hearing(hearing_id: int, session: SessionDep, actor: HearingsWrite) -> object:
    return service.cancel(session=session, hearing_id=hearing_id, actor=actor)
