from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Query, Request, Response, Security, status
from fastapi.responses import RedirectResponse
from sqlmodel import Session

from bengodan_common.auth import Principal, require_scopes
from bengodan_common.db import get_session, utcnow
from bengodan_common.errors import PROBLEM_RESPONSES
from docs_render.renders import service
from docs_render.renders.documents import DocumentKind
from docs_render.renders.schemas import DownloadLink, RenderCreate, RenderPage, RenderRead

RendersWrite = Annotated[Principal, Security(require_scopes, scopes=["renders:write"])]
RendersRead = Annotated[Principal, Security(require_scopes, scopes=["renders:read"])]
DbSession = Annotated[Session, Depends(get_session, scope="function")]

router = APIRouter(prefix="/api/v1/renders", tags=["renders"], responses=PROBLEM_RESPONSES)


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RenderRead,
    summary="Request a filing; it is rendered in the background",
)
def create_render(
    data: RenderCreate,
    principal: RendersWrite,
    session: DbSession,
    response: Response,
    background: BackgroundTasks,
    request: Request,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Any:
    job, created = service.create(session=session, data=data, actor=principal, idempotency_key=idempotency_key)
    response.headers["Location"] = f"/api/v1/renders/{job.id}"
    worker = getattr(request.app.state, "worker", None)
    if created and worker is not None:
        background.add_task(worker.wake)  # after the response, so after the commit: the worker sees the job
    return job


@router.get("", response_model=RenderPage, summary="The render history of a case, newest first")
def list_renders(
    _principal: RendersRead,
    session: DbSession,
    case_id: Annotated[int, Query(gt=0)],
    document: DocumentKind | None = None,
    proceeding_id: Annotated[int | None, Query(gt=0)] = None,
    claimant_id: Annotated[int | None, Query(gt=0)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    jobs, total = service.history(
        session=session,
        case_id=case_id,
        document=document,
        proceeding_id=proceeding_id,
        claimant_id=claimant_id,
        limit=limit,
        offset=offset,
    )
    return {"items": jobs, "total": total, "limit": limit, "offset": offset}


@router.get("/{job_id}", response_model=RenderRead, summary="Status and progress of a render job")
def get_render(job_id: int, _principal: RendersRead, session: DbSession) -> Any:
    return service.get(session=session, job_id=job_id)


def _presigned_download(job_id: int, session: Session, request: Request) -> DownloadLink:
    job = service.get_succeeded(session=session, job_id=job_id)
    key = job.s3_key
    assert key is not None  # get_succeeded guarantees it
    settings = request.app.state.settings
    filename = job.filename or key.rsplit("/", 1)[-1]
    ttl = settings.s3.presign_ttl_seconds
    url = request.app.state.s3_public.generate_presigned_url(
        "get_object",
        Params={
            "Bucket": settings.s3.bucket,
            "Key": key,
            "ResponseContentDisposition": content_disposition(filename, fallback=key.rsplit("/", 1)[-1]),
        },
        ExpiresIn=ttl,
    )
    return DownloadLink(url=url, filename=filename, expires_at=utcnow() + timedelta(seconds=ttl))


@router.get(
    "/{job_id}/download",
    status_code=status.HTTP_307_TEMPORARY_REDIRECT,
    response_class=RedirectResponse,
    responses={307: {"description": "Redirect to a presigned S3 URL of the file"}},
    summary="Download the rendered file (a redirect to a short-lived presigned URL)",
)
def download_render(job_id: int, _principal: RendersRead, session: DbSession, request: Request) -> RedirectResponse:
    link = _presigned_download(job_id, session, request)
    return RedirectResponse(
        link.url, status_code=status.HTTP_307_TEMPORARY_REDIRECT, headers={"Cache-Control": "no-store"}
    )


@router.get(
    "/{job_id}/download-link",
    response_model=DownloadLink,
    summary="The presigned URL of the rendered file, for a browser to open (no CORS needed to follow it)",
)
def download_link(job_id: int, _principal: RendersRead, session: DbSession, request: Request) -> DownloadLink:
    return _presigned_download(job_id, session, request)


def content_disposition(filename: str, *, fallback: str) -> str:
    """RFC 6266: an ASCII name for old clients and the UTF-8 name (RFC 8187) for the rest."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
