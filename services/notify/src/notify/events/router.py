from __future__ import annotations

from fastapi import APIRouter, Response, status

from bengodan_common.errors import PROBLEM_RESPONSES
from notify.core.deps import EventsWriter, SessionDep
from notify.events import service
from notify.events.schemas import EventAccepted, HearingEvent

router = APIRouter(prefix="/api/v1/events", tags=["events"], responses=PROBLEM_RESPONSES)


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=EventAccepted,
    summary="Receive a hearing event from claims-api (at least once; deduplicated by id)",
    responses={200: {"model": EventAccepted, "description": "Event id already stored"}},
)
def receive_event(event: HearingEvent, session: SessionDep, _: EventsWriter, response: Response) -> EventAccepted:
    created = service.store(session=session, event=event)
    if not created:
        response.status_code = status.HTTP_200_OK
    return EventAccepted(event_id=str(event.id), status="accepted" if created else "duplicate")
