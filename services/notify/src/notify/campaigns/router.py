from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, UploadFile, status
from fastapi.responses import StreamingResponse
from sqlalchemy.engine import Engine

from bengodan_common.db import utcnow
from bengodan_common.errors import PROBLEM_RESPONSES, NotFound
from notify.campaigns import delivery, imports, service
from notify.campaigns.csv_export import csv_response
from notify.campaigns.models import Campaign
from notify.campaigns.schemas import (
    CampaignCreate,
    CampaignPage,
    CampaignRead,
    DeliveryCounts,
    LaunchRead,
    NoticePreview,
    RecipientImportPage,
    RecipientImportRead,
    RecipientPage,
    RecipientRead,
)
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep
from notify.core.idempotency import CreateOnce

router = APIRouter(prefix="/api/v1/campaigns", tags=["campaigns"], responses=PROBLEM_RESPONSES)


def _campaign(session: SessionDep, campaign_id: int) -> Campaign:
    campaign = service.get(session=session, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound("campaign", campaign_id)
    return campaign


@router.post(
    "",
    response_model=CampaignRead,
    status_code=status.HTTP_201_CREATED,
    summary="A breach-notice campaign, with the due dates of the reports to the PPC",
)
def create_campaign(data: CampaignCreate, session: SessionDep, actor: NotifyWriter, once: CreateOnce) -> object:
    return once(
        actor=actor, body=data, create=lambda: service.read(service.create(session=session, data=data, actor=actor))
    )


@router.get("", response_model=CampaignPage, summary="Campaigns, newest first")
def list_campaigns(
    session: SessionDep,
    _: NotifyReader,
    case_id: Annotated[
        int | None,
        Query(
            ge=1,
            description="one case's campaigns; campaigns with no case (made before it was asked) are in no case's "
            "list, only in the unfiltered one",
        ),
    ] = None,
    claimant_id: Annotated[int | None, Query(ge=1, description="one office's campaigns")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> CampaignPage:
    rows, total = service.list_campaigns(
        session=session, case_id=case_id, claimant_id=claimant_id, limit=limit, offset=offset
    )
    return CampaignPage(items=[service.read(row) for row in rows], total=total, limit=limit, offset=offset)


@router.get("/{campaign_id}", response_model=CampaignRead, summary="One campaign")
def get_campaign(campaign_id: int, session: SessionDep, _: NotifyReader) -> CampaignRead:
    return service.read(_campaign(session, campaign_id))


@router.post(
    "/{campaign_id}/imports",
    response_model=RecipientImportRead,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Upload a recipient list (CSV); it is read in the background: follow the import for its progress",
)
def import_recipients(
    campaign_id: int,
    file: Annotated[
        UploadFile, File(description="CSV: 氏名, メールアドレス, 郵便番号, 住所, 項目 (UTF-8 or Shift_JIS)")
    ],
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    actor: NotifyWriter,
    encoding: Annotated[
        imports.Encoding, Form(description="auto: UTF-8 (with or without BOM), else Shift_JIS")
    ] = "auto",
) -> RecipientImportRead:
    path, size = imports.keep_upload(file.file)
    try:
        started = imports.start(
            session=session,
            campaign_id=campaign_id,
            filename=file.filename or "recipients.csv",
            encoding=encoding,
            size=size,
            actor=actor,
        )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    session.commit()  # before the background read starts: it finds the import by its id
    engine: Engine = request.app.state.engine
    background.add_task(imports.run, engine=engine, import_id=started.id or 0, path=path)
    return RecipientImportRead.model_validate(started)


@router.get(
    "/{campaign_id}/imports", response_model=RecipientImportPage, summary="The campaign's uploads, newest first"
)
def list_imports(
    campaign_id: int,
    session: SessionDep,
    _: NotifyReader,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> RecipientImportPage:
    _campaign(session, campaign_id)
    rows, total = imports.list_imports(session=session, campaign_id=campaign_id, limit=limit, offset=offset)
    items = [RecipientImportRead.model_validate(row) for row in rows]
    return RecipientImportPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{campaign_id}/imports/{import_id}", response_model=RecipientImportRead, summary="An upload's progress")
def get_import(campaign_id: int, import_id: int, session: SessionDep, _: NotifyReader) -> RecipientImportRead:
    return RecipientImportRead.model_validate(
        imports.get(session=session, campaign_id=campaign_id, import_id=import_id)
    )


@router.get(
    "/{campaign_id}/imports/{import_id}/errors.csv",
    response_class=StreamingResponse,
    summary="The lines left out of an upload and why: 行, 列, 内容 (UTF-8 with BOM, for Excel)",
)
def import_errors(
    campaign_id: int, import_id: int, request: Request, session: SessionDep, _: NotifyReader
) -> StreamingResponse:
    imports.get(session=session, campaign_id=campaign_id, import_id=import_id)
    rows = imports.error_rows(engine=request.app.state.engine, import_id=import_id)
    return csv_response(f"recipients-import-{import_id}-errors.csv", imports.ERRORS_HEADER, rows)


@router.get("/{campaign_id}/recipients", response_model=RecipientPage, summary="The people a campaign notifies")
def list_recipients(
    campaign_id: int,
    session: SessionDep,
    _: NotifyReader,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> RecipientPage:
    _campaign(session, campaign_id)
    rows, total = imports.recipients(session=session, campaign_id=campaign_id, limit=limit, offset=offset)
    return RecipientPage(items=[RecipientRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset)


@router.post(
    "/{campaign_id}/launch",
    response_model=LaunchRead,
    summary="Send the notices: one per recipient not yet notified, by e-mail, else by post; freezes the campaign",
)
def launch_campaign(
    campaign_id: int, request: Request, session: SessionDep, actor: NotifyWriter, once: CreateOnce
) -> object:
    def launch() -> LaunchRead:
        campaign = _campaign(session, campaign_id)
        emails, letters = delivery.launch(
            session=session, campaign=campaign, actor=actor, settings=request.app.state.settings, now=utcnow()
        )
        return LaunchRead(campaign=service.read(campaign), queued_email=emails, queued_postal=letters)

    return once(actor=actor, body=None, create=launch)


@router.get(
    "/{campaign_id}/delivery",
    response_model=DeliveryCounts,
    summary="Where the notices stand, by channel and state, with the 確報's 実施状況 in one sentence",
)
def delivery_counts(campaign_id: int, session: SessionDep, _: NotifyReader) -> DeliveryCounts:
    _campaign(session, campaign_id)
    return delivery.counts(session=session, campaign_id=campaign_id, now=utcnow())


@router.get(
    "/{campaign_id}/proof.csv",
    response_class=StreamingResponse,
    summary="Proof of notification: each recipient's channel, times, Message-ID and state (UTF-8 with BOM)",
)
def proof(campaign_id: int, request: Request, session: SessionDep, _: NotifyReader) -> StreamingResponse:
    _campaign(session, campaign_id)
    rows = delivery.proof_rows(engine=request.app.state.engine, campaign_id=campaign_id)
    return csv_response(f"campaign-{campaign_id}-proof.csv", delivery.PROOF_HEADER, rows)


@router.get(
    "/{campaign_id}/recipients/{recipient_id}/preview",
    response_model=NoticePreview,
    summary="The e-mail one recipient gets: only the data items that concern them",
)
def preview(campaign_id: int, recipient_id: int, session: SessionDep, _: NotifyReader) -> NoticePreview:
    recipient, subject, body = delivery.preview(
        session=session, campaign=_campaign(session, campaign_id), recipient_id=recipient_id
    )
    return NoticePreview(
        recipient_id=recipient_id, channel="email" if recipient.email else "postal", subject=subject, body=body
    )
