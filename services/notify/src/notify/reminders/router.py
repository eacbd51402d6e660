from __future__ import annotations

from datetime import date, datetime, time

from fastapi import APIRouter, Request, status

from bengodan_common.errors import PROBLEM_RESPONSES, Invalid
from bengodan_common.japanese import TOKYO
from notify.core.config import Settings
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep
from notify.delivery.pacing import in_quiet_hours
from notify.messages.content import KIND_LABELS
from notify.reminders import rules
from notify.reminders.models import ReminderRule
from notify.reminders.schemas import HearingKind, ReminderRuleRead, ReminderRuleWrite

router = APIRouter(prefix="/api/v1/reminder-rules", tags=["reminders"], responses=PROBLEM_RESPONSES)


def _read(kind: str, rule: rules.Rule, stored: ReminderRule | None) -> ReminderRuleRead:
    return ReminderRuleRead(
        hearing_kind=kind,
        label=KIND_LABELS[kind],
        days_before=list(rule.days_before),
        hour_jst=rule.hour_jst,
        is_default=stored is None,
        updated_by=stored.updated_by if stored else None,
        updated_at=stored.updated_at if stored else None,
    )


@router.get("", response_model=list[ReminderRuleRead], summary="When reminders go out, per kind of hearing")
def list_rules(session: SessionDep, _: NotifyReader) -> list[ReminderRuleRead]:
    return [_read(kind, rule, stored) for kind, rule, stored in rules.rules(session)]


@router.put(
    "/{hearing_kind}",
    response_model=ReminderRuleRead,
    summary="Set the reminders of one kind of hearing (for hearings set or moved from now on)",
)
def set_rule(
    hearing_kind: HearingKind, data: ReminderRuleWrite, request: Request, session: SessionDep, actor: NotifyWriter
) -> ReminderRuleRead:
    settings: Settings = request.app.state.settings
    start, end = settings.quiet_hours_start, settings.quiet_hours_end
    if in_quiet_hours(datetime.combine(date.today(), time(data.hour_jst), tzinfo=TOKYO), start=start, end=end):
        raise Invalid("hour_jst", f"falls in the quiet hours ({start}:00 to {end}:00 Japan time)")
    rule = rules.Rule(tuple(data.days_before), data.hour_jst)
    stored = rules.set_rule(session, hearing_kind=hearing_kind, rule=rule, actor=actor.sub)
    return _read(hearing_kind, rule, stored)


@router.delete(
    "/{hearing_kind}", status_code=status.HTTP_204_NO_CONTENT, summary="Go back to the default reminders of a kind"
)
def reset_rule(hearing_kind: HearingKind, session: SessionDep, _: NotifyWriter) -> None:
    rules.reset_rule(session, hearing_kind=hearing_kind)
