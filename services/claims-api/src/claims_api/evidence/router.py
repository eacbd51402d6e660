from __future__ import annotations

from fastapi import APIRouter, Request, status

from claims_api.auth.deps import ClaimsRead, ClaimsWrite
from claims_api.core.deps import SessionDep
from claims_api.evidence import service
from claims_api.evidence.schemas import (
    EvidenceDownload,
    EvidenceRead,
    UploadComplete,
    UploadRequest,
    UploadTicket,
)
from claims_api.idempotency.deps import CreateOnce

router = APIRouter(prefix="/claimants/{claimant_id}/evidence", tags=["evidence"])


@router.post("/uploads", response_model=UploadTicket, status_code=status.HTTP_201_CREATED)
def request_upload(
    claimant_id: int,
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
            claimant_id=claimant_id,
            data=data,
            actor=actor,
        ),
    )


@router.post("", response_model=EvidenceRead, status_code=status.HTTP_201_CREATED)
def complete_upload(
    claimant_id: int,
    data: UploadComplete,
    request: Request,
    session: SessionDep,
    actor: ClaimsWrite,
    once: CreateOnce,
) -> object:
    """Record an uploaded file after checking its size and SHA-256 against the stored object."""
    state = request.app.state
    return once(
        actor=actor,
        body=data,
        create=lambda: service.complete_upload(
            session=session,
            s3=state.s3,
            s3_settings=state.settings.s3,
            claimant_id=claimant_id,
            upload_id=data.upload_id,
            actor=actor,
        ),
    )


@router.get("", response_model=list[EvidenceRead])
def list_evidence(claimant_id: int, session: SessionDep, _: ClaimsRead) -> object:
    return service.list_evidence(session=session, claimant_id=claimant_id)


@router.get("/{evidence_id}/download", response_model=EvidenceDownload)
def download(
    claimant_id: int, evidence_id: int, request: Request, session: SessionDep, _: ClaimsRead
) -> EvidenceDownload:
    state = request.app.state
    return service.download_url(
        session=session,
        s3_public=state.s3_public,
        s3_settings=state.settings.s3,
        claimant_id=claimant_id,
        evidence_id=evidence_id,
    )
