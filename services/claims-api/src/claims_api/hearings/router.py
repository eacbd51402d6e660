from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from bengodan_common.etag import etag_of
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


IfMatch = Annotated[
    str | None,
    Header(description="the ETag of the last read: a stale one is refused with 412 and changes nothing"),
]


def _with_etag(response: Response, hearing: HearingRead) -> HearingRead:
    response.headers["ETag"] = etag_of(hearing)
    return hearing


@router.get("/{hearing_id}", response_model=HearingRead)
def get_hearing(hearing_id: int, response: Response, session: SessionDep, _: HearingsRead) -> HearingRead:
    """The hearing; its `ETag` goes back in `If-Match` on PATCH and cancel."""
    return _with_etag(response, service.read(service.get(session=session, hearing_id=hearing_id)))


@router.patch("/{hearing_id}", response_model=HearingRead)
def update_hearing(
    hearing_id: int,
    data: HearingUpdate,
    response: Response,
    session: SessionDep,
    actor: HearingsWrite,
    if_match: IfMatch = None,
) -> HearingRead:
    hearing = service.update(session=session, hearing_id=hearing_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, service.read(hearing))


@router.post("/{hearing_id}/cancel", response_model=HearingRead)
def cancel_hearing(
    hearing_id: int, response: Response, session: SessionDep, actor: HearingsWrite, if_match: IfMatch = None
) -> HearingRead:
    """Cancel the hearing; notify tells the proceeding's claimants. A cancelled hearing stays cancelled."""
    hearing = service.cancel(session=session, hearing_id=hearing_id, actor=actor, if_match=if_match)
    return _with_etag(response, service.read(hearing))
