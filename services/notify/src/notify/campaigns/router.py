from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, UploadFile, status
from fastapi.responses import StreamingResponse
from sqlalchemy.engine import Engine

from bengodan_common.errors import PROBLEM_RESPONSES, NotFound
from notify.campaigns import imports, service
from notify.campaigns.schemas import (
    CampaignCreate,
    CampaignPage,
    CampaignRead,
    RecipientImportRead,
    RecipientPage,
    RecipientRead,
)
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep

router = APIRouter(prefix="/api/v1/campaigns", tags=["campaigns"], responses=PROBLEM_RESPONSES)


@router.post(
    "",
    response_model=CampaignRead,
    status_code=status.HTTP_201_CREATED,
    summary="A breach-notice campaign, with the due dates of the reports to the PPC",
)
def create_campaign(data: CampaignCreate, session: SessionDep, actor: NotifyWriter) -> CampaignRead:
    campaign = service.create(session=session, data=data, actor=actor)
    return service.read(campaign)


@router.get("", response_model=CampaignPage, summary="Campaigns, newest first")
def list_campaigns(
    session: SessionDep,
    _: NotifyReader,
    claimant_id: Annotated[int | None, Query(ge=1, description="one office's campaigns")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> CampaignPage:
    rows, total = service.list_campaigns(session=session, claimant_id=claimant_id, limit=limit, offset=offset)
    return CampaignPage(items=[service.read(row) for row in rows], total=total, limit=limit, offset=offset)


@router.get("/{campaign_id}", response_model=CampaignRead, summary="One campaign")
def get_campaign(campaign_id: int, session: SessionDep, _: NotifyReader) -> CampaignRead:
    campaign = service.get(session=session, campaign_id=campaign_id)
    if campaign is None:
        raise NotFound("campaign", campaign_id)
    return service.read(campaign)


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
def import_errors(campaign_id: int, import_id: int, session: SessionDep, _: NotifyReader) -> StreamingResponse:
    imports.get(session=session, campaign_id=campaign_id, import_id=import_id)
    errors = imports.errors_of(session=session, import_id=import_id)

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["行", "列", "内容"])
        for error in errors:
            writer.writerow([error.line, error.column or "", error.reason])
            if out.tell() > 1 << 16:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    filename = f"recipients-import-{import_id}-errors.csv"
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in _with_bom(lines())),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _with_bom(chunks: Iterator[str]) -> Iterator[str]:
    yield "\ufeff"
    yield from chunks


@router.get("/{campaign_id}/recipients", response_model=RecipientPage, summary="The people a campaign notifies")
def list_recipients(
    campaign_id: int,
    session: SessionDep,
    _: NotifyReader,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> RecipientPage:
    if service.get(session=session, campaign_id=campaign_id) is None:
        raise NotFound("campaign", campaign_id)
    rows, total = imports.recipients(session=session, campaign_id=campaign_id, limit=limit, offset=offset)
    return RecipientPage(items=[RecipientRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset)
