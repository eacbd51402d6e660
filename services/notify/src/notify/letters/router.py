from __future__ import annotations

from fastapi import APIRouter, Request, status

from bengodan_common.db import utcnow
from bengodan_common.errors import PROBLEM_RESPONSES
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep
from notify.letters import service
from notify.letters.client import DocsRenderApi
from notify.letters.schemas import (
    LetterBatchRead,
    LettersPosted,
    PublicNoticeRead,
    PublicNoticeRecord,
    RenderStarted,
)

router = APIRouter(prefix="/api/v1/campaigns/{campaign_id}", tags=["letters"], responses=PROBLEM_RESPONSES)


@router.get(
    "/letter-batches",
    response_model=list[LetterBatchRead],
    summary="The campaign's postal letters, in PDFs of up to 5,000 rendered by docs-render (oldest first)",
)
def list_letter_batches(campaign_id: int, session: SessionDep, _: NotifyReader) -> list[LetterBatchRead]:
    batches = service.list_batches(session=session, campaign_id=campaign_id)
    return [LetterBatchRead.model_validate(batch) for batch in batches]


@router.post(
    "/letter-batches/{batch_id}/posted",
    response_model=LetterBatchRead,
    summary="Record the day the printed letters of a ready batch were posted: its letters count as sent",
)
def record_posted(
    campaign_id: int, batch_id: int, data: LettersPosted, session: SessionDep, actor: NotifyWriter
) -> LetterBatchRead:
    batch = service.record_posted(
        session=session,
        campaign_id=campaign_id,
        batch_id=batch_id,
        posted_on=data.posted_on,
        actor=actor,
        now=utcnow(),
    )
    return LetterBatchRead.model_validate(batch)


@router.post(
    "/public-notice",
    response_model=PublicNoticeRead,
    summary="Record where and when the public notice (公表文) was published: those it covers count as notified",
)
def record_public_notice(
    campaign_id: int, data: PublicNoticeRecord, session: SessionDep, actor: NotifyWriter
) -> PublicNoticeRead:
    return service.record_public_notice(session=session, campaign_id=campaign_id, data=data, actor=actor, now=utcnow())


@router.post(
    "/public-notice/render",
    response_model=RenderStarted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Have docs-render render the public notice (公表文) as a PDF; follow and download the job there",
)
def render_public_notice(campaign_id: int, request: Request, _: NotifyWriter) -> RenderStarted:
    docs_render: DocsRenderApi = request.app.state.docs_render
    render_id = service.render_public_notice(
        engine=request.app.state.engine, campaign_id=campaign_id, docs_render=docs_render
    )
    return RenderStarted(render_id=render_id)
