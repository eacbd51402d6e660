"""Staff's view of a claimant's intake reminders: when the next is due, and stopping or resuming them."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from bengodan_common.db import utcnow
from bengodan_common.errors import PROBLEM_RESPONSES
from notify.core.config import Settings
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep
from notify.reminders import intake
from notify.reminders.models import IntakeReminder

router = APIRouter(
    prefix="/api/v1/claimants/{claimant_id}/intake-reminders", tags=["reminders"], responses=PROBLEM_RESPONSES
)


class IntakeReminderRead(BaseModel):
    claimant_id: int
    active: bool = Field(description="reminders go on: neither stopped by staff nor complete")
    next_due_at: datetime = Field(description="when the next reminder is due (09:00 Japan time, in UTC)")
    sent_count: int = Field(description="reminders made so far")
    last_sent_at: datetime | None
    stopped_at: datetime | None
    stopped_by: str | None
    completed_at: datetime | None = Field(description="when the checklist was seen complete; null while open")


def _read(row: IntakeReminder) -> IntakeReminderRead:
    return IntakeReminderRead(
        claimant_id=row.claimant_id,
        active=intake.is_active(row),
        next_due_at=row.next_due_at,
        sent_count=row.sent_count,
        last_sent_at=row.last_sent_at,
        stopped_at=row.stopped_at,
        stopped_by=row.stopped_by,
        completed_at=row.completed_at,
    )


@router.get("", response_model=IntakeReminderRead, summary="A claimant's intake reminders")
def get_intake_reminders(claimant_id: int, session: SessionDep, _: NotifyReader) -> IntakeReminderRead:
    return _read(intake.get(session=session, claimant_id=claimant_id))


@router.post("/stop", response_model=IntakeReminderRead, summary="Stop a claimant's intake reminders")
def stop_intake_reminders(claimant_id: int, session: SessionDep, actor: NotifyWriter) -> IntakeReminderRead:
    return _read(intake.stop(session=session, claimant_id=claimant_id, actor=actor.sub, now=utcnow()))


@router.post("/resume", response_model=IntakeReminderRead, summary="Resume a claimant's intake reminders")
def resume_intake_reminders(
    claimant_id: int, request: Request, session: SessionDep, _: NotifyWriter
) -> IntakeReminderRead:
    settings: Settings = request.app.state.settings
    return _read(intake.resume(session=session, claimant_id=claimant_id, settings=settings, now=utcnow()))
