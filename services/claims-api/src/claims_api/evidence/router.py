"""Exhibits (甲号証) of a case: common ones and each claimant's own, their metadata, numbers and file versions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status

from bengodan_common.etag import etag_of
from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.core.deps import SessionDep
from claims_api.evidence import service
from claims_api.evidence.schemas import (
    ClaimantExhibitsRenumber,
    ExhibitCreate,
    ExhibitPage,
    ExhibitRead,
    ExhibitRenumber,
    ExhibitUpdate,
    ExhibitVersionRead,
    UploadComplete,
    UploadRequest,
    UploadTicket,
    VersionDownload,
)
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(tags=["exhibits"])

IfMatch = Annotated[str | None, Header(description="the ETag of the exhibit as read; 412 when it changed since")]


def _with_etag(response: Response, exhibit: ExhibitRead) -> ExhibitRead:
    response.headers["ETag"] = etag_of(exhibit)
    return exhibit


@router.get("/cases/{case_id}/exhibits", response_model=ExhibitPage)
def list_case_exhibits(
    case_id: int,
    session: SessionDep,
    _: ClaimsRead,
    claimant_id: int | None = None,
    common: Annotated[bool | None, Query(description="true: common exhibits only; false: claimants' only")] = None,
    proceeding_id: Annotated[
        int | None,
        Query(description="the common exhibits and those of this proceeding's members only; 404 if not of the case"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 500,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ExhibitPage:
    """The case's exhibits in label order (甲第1号証, 甲第1号証の1, …)."""
    return service.list_case(
        session=session,
        case_id=case_id,
        claimant_id=claimant_id,
        common=common,
        proceeding_id=proceeding_id,
        limit=limit,
        offset=offset,
    )


@router.post("/cases/{case_id}/exhibits", response_model=ExhibitRead, status_code=status.HTTP_201_CREATED)
def create_exhibit(
    case_id: int,
    data: ExhibitCreate,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    """Record an exhibit's metadata and give it its number (see `ExhibitCreate` for the defaults)."""
    return once(
        actor=actor,
        body=data,
        create=lambda: service.create(session=session, case_id=case_id, data=data, actor=actor),
    )


@router.get("/claimants/{claimant_id}/exhibits", response_model=list[ExhibitRead])
def list_claimant_exhibits(
    claimant_id: int, session: SessionDep, _: ClaimsRead, include_common: bool = False
) -> object:
    """The claimant's own exhibits (甲第N号証の1 … の6 and further branches); with `include_common`, the case's
    common exhibits too (what a damage item of this claimant may cite), all in label order."""
    return service.list_claimant(session=session, claimant_id=claimant_id, include_common=include_common)


@router.post("/claimants/{claimant_id}/exhibits/renumber", response_model=list[ExhibitRead])
def renumber_claimant_exhibits(
    claimant_id: int, data: ClaimantExhibitsRenumber, session: SessionDep, actor: ClaimsWrite
) -> object:
    """Move all of the claimant's exhibits to another number, branches kept; 409 when the number is in use."""
    return service.renumber_claimant(session=session, claimant_id=claimant_id, data=data, actor=actor)


@router.get("/exhibits/{exhibit_id}", response_model=ExhibitRead)
def get_exhibit(exhibit_id: int, response: Response, session: SessionDep, _: ClaimsRead) -> ExhibitRead:
    """One exhibit, with the `ETag` to send back in `If-Match` when changing it."""
    return _with_etag(response, service.get(session=session, exhibit_id=exhibit_id))


@router.patch("/exhibits/{exhibit_id}", response_model=ExhibitRead)
def update_exhibit(
    exhibit_id: int,
    data: ExhibitUpdate,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: IfMatch = None,
) -> ExhibitRead:
    exhibit = service.update(session=session, exhibit_id=exhibit_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, exhibit)


@router.post("/exhibits/{exhibit_id}/renumber", response_model=ExhibitRead)
def renumber_exhibit(
    exhibit_id: int,
    data: ExhibitRenumber,
    response: Response,
    session: SessionDep,
    actor: ClaimsWrite,
    if_match: IfMatch = None,
) -> ExhibitRead:
    """Give the exhibit another number or branch; 409 when that label is taken. Audited with both labels."""
    exhibit = service.renumber(session=session, exhibit_id=exhibit_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, exhibit)


@router.post("/exhibits/{exhibit_id}/versions/uploads", response_model=UploadTicket, status_code=201)
def request_upload(
    exhibit_id: int,
    data: UploadRequest,
    request: Request,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    """A presigned PUT URL: the client uploads the file straight to S3, then completes the upload."""
    state = request.app.state
    return once(
        actor=actor,
        body=data,
        create=lambda: service.request_upload(
            session=session,
            s3_public=state.s3_public,
            s3_settings=state.settings.s3,
            max_bytes=state.settings.evidence_max_bytes,
            exhibit_id=exhibit_id,
            data=data,
            actor=actor,
        ),
    )


@router.post("/exhibits/{exhibit_id}/versions", response_model=ExhibitVersionRead, status_code=201)
def complete_upload(
    exhibit_id: int,
    data: UploadComplete,
    request: Request,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    """Record the uploaded file as the exhibit's next version after checking its size and SHA-256."""
    state = request.app.state
    return once(
        actor=actor,
        body=data,
        create=lambda: service.complete_upload(
            session=session,
            s3=state.s3,
            s3_settings=state.settings.s3,
            exhibit_id=exhibit_id,
            upload_id=data.upload_id,
            actor=actor,
        ),
    )


@router.get("/exhibits/{exhibit_id}/versions", response_model=list[ExhibitVersionRead])
def list_versions(exhibit_id: int, session: SessionDep, _: ClaimsRead) -> object:
    """Every file version of the exhibit, oldest first; the last is current."""
    return service.list_versions(session=session, exhibit_id=exhibit_id)


@router.get("/exhibits/{exhibit_id}/versions/{version}/download", response_model=VersionDownload)
def download_version(
    exhibit_id: int, version: int, request: Request, session: SessionDep, _: ClaimsRead
) -> VersionDownload:
    """A presigned GET URL of one file version."""
    state = request.app.state
    return service.download_url(
        session=session,
        s3_public=state.s3_public,
        s3_settings=state.settings.s3,
        exhibit_id=exhibit_id,
        version=version,
    )
