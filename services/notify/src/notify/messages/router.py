from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bengodan_common.errors import PROBLEM_RESPONSES, NotFound
from notify.core.deps import NotifyReader, SessionDep
from notify.messages import service
from notify.messages.models import MessageStatus
from notify.messages.schemas import MessageDetail, MessagePage, MessageRead

router = APIRouter(prefix="/api/v1/messages", tags=["messages"], responses=PROBLEM_RESPONSES)


@router.get(
    "",
    response_model=MessagePage,
    summary="Notices by hearing, claimant or state, oldest due first",
)
def list_messages(
    session: SessionDep,
    _: NotifyReader,
    hearing_id: Annotated[int | None, Query(ge=1)] = None,
    claimant_id: Annotated[int | None, Query(ge=1)] = None,
    status: MessageStatus | None = None,
    newest_first: Annotated[bool, Query(description="latest due first (a claimant's history)")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> MessagePage:
    rows, total = service.list_messages(
        session=session,
        hearing_id=hearing_id,
        claimant_id=claimant_id,
        status=status,
        newest_first=newest_first,
        limit=limit,
        offset=offset,
    )
    return MessagePage(items=[MessageRead.model_validate(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/{message_id}", response_model=MessageDetail, summary="One e-mail with its text")
def get_message(message_id: int, session: SessionDep, _: NotifyReader) -> MessageDetail:
    message = service.get(session=session, message_id=message_id)
    if message is None:
        raise NotFound("message", message_id)
    return MessageDetail.model_validate(message)
