"""Staff's view of a claimant's intake reminders: when the next is due, stopping or resuming them, and sending
one now to the claimants picked in the list."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Literal

import httpx
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from bengodan_common.db import utcnow
from bengodan_common.errors import PROBLEM_RESPONSES, AppError
from notify.claims.client import OpenIntakeChanged
from notify.core.config import Settings
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep
from notify.core.idempotency import CreateOnce
from notify.reminders import intake
from notify.reminders.models import IntakeReminder

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1", tags=["reminders"], responses=PROBLEM_RESPONSES)
ONE = "/claimants/{claimant_id}/intake-reminders"


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


@router.get(ONE, response_model=IntakeReminderRead, summary="A claimant's intake reminders")
def get_intake_reminders(claimant_id: int, session: SessionDep, _: NotifyReader) -> IntakeReminderRead:
    return _read(intake.get(session=session, claimant_id=claimant_id))


@router.post(f"{ONE}/stop", response_model=IntakeReminderRead, summary="Stop a claimant's intake reminders")
def stop_intake_reminders(claimant_id: int, session: SessionDep, actor: NotifyWriter) -> IntakeReminderRead:
    return _read(intake.stop(session=session, claimant_id=claimant_id, actor=actor.sub, now=utcnow()))


@router.post(f"{ONE}/resume", response_model=IntakeReminderRead, summary="Resume a claimant's intake reminders")
def resume_intake_reminders(
    claimant_id: int, request: Request, session: SessionDep, _: NotifyWriter
) -> IntakeReminderRead:
    settings: Settings = request.app.state.settings
    return _read(intake.resume(session=session, claimant_id=claimant_id, settings=settings, now=utcnow()))


# --- staff: a reminder now, to the claimants picked in the list -----------------------------------------------------


class IntakeReminderSend(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claimant_ids: list[Annotated[int, Field(ge=1)]] = Field(
        min_length=1, max_length=500, description="the claimants to remind; each is sent at most one a day"
    )


class IntakeReminderSendResult(BaseModel):
    claimant_id: int
    status: Literal["queued", "skipped"]
    message_id: int | None = Field(description="the queued e-mail; null when skipped")
    reason: intake.SkipReason | None = Field(
        description=(
            "why none was sent: no_email (no usable address), opted_out (no consent to reminders, or opted out), "
            "nothing_missing (checklist complete), stopped (staff stopped the claimant's intake reminders), "
            "already_sent_today (one was sent by staff today, Japan time); null when queued"
        )
    )


class IntakeReminderSendRead(BaseModel):
    results: list[IntakeReminderSendResult] = Field(description="one per claimant, in the order asked")
    queued: int
    skipped: int


@router.post(
    "/intake-reminders/send",
    response_model=IntakeReminderSendRead,
    summary="Send the intake reminder now to the claimants picked (one a day each; quiet hours still apply)",
)
def send_intake_reminders(
    data: IntakeReminderSend, request: Request, session: SessionDep, actor: NotifyWriter, once: CreateOnce
) -> object:
    def send() -> IntakeReminderSendRead:
        try:
            sent = intake.send_now(
                session=session,
                claims=request.app.state.claims,
                claimant_ids=data.claimant_ids,
                settings=request.app.state.settings,
                now=utcnow(),
            )
        except httpx.HTTPStatusError as exc:
            log.warning("intake reminders now: claims-api answered %d", exc.response.status_code)
            raise AppError(
                502, "claims-api-error", "claims-api failed", f"claims-api answered {exc.response.status_code}"
            ) from exc
        except (httpx.HTTPError, OpenIntakeChanged) as exc:
            log.warning("intake reminders now: claims-api not read (%s)", type(exc).__name__)
            raise AppError(
                503,
                "claims-api-unavailable",
                "claims-api unavailable",
                "the open checklists could not be read from claims-api; try again shortly",
                headers={"Retry-After": "5"},
            ) from exc
        results = [
            IntakeReminderSendResult(
                claimant_id=r.claimant_id,
                status="queued" if r.message_id is not None else "skipped",
                message_id=r.message_id,
                reason=r.reason,
            )
            for r in sent
        ]
        queued = sum(r.status == "queued" for r in results)
        return IntakeReminderSendRead(results=results, queued=queued, skipped=len(results) - queued)

    return once(actor=actor, body=data, create=send)
