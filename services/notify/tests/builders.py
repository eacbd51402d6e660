"""Builders for the notify tests: hearing events and claims-api recipients in the contract shapes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bengodan_common.japanese import TOKYO
from notify.events.models import Event
from notify.messages.models import Message


def hearing_event(
    *,
    type: str = "hearing.scheduled",
    hearing_id: int = 1,
    proceeding_id: int = 2,
    starts_at: datetime | None = None,
    event_id: str | None = None,
    occurred_at: datetime | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """A hearing event as claims-api's relay posts it (docs/contracts.md)."""
    starts = starts_at or datetime(2027, 1, 20, 10, 0, tzinfo=TOKYO)
    body: dict[str, Any] = {
        "hearing_id": hearing_id,
        "case_id": 1,
        "proceeding_id": proceeding_id,
        "proceeding_name": "第1次調停",
        "kind": "mediation_session",
        "starts_at": starts.isoformat(),
        "place": "大阪地方裁判所 本館 第3調停室",
        "court": "大阪地方裁判所",
        "online_url": None,
        "status": "cancelled" if type == "hearing.cancelled" else "scheduled",
    }
    body.update(payload)
    return {
        "id": event_id or str(uuid.uuid4()),
        "type": type,
        "occurred_at": (occurred_at or datetime.now(TOKYO)).isoformat(),
        "payload": body,
    }


def recipient(claimant_id: int, name: str, email: str | None, consent: bool = True) -> dict[str, Any]:
    """One item of `GET /api/v1/proceedings/{id}/recipients`."""
    return {"claimant_id": claimant_id, "name": name, "email": email, "reminder_consent": consent}


# Synthetic people only.
DEFAULT_RECIPIENTS = [
    recipient(101, "山田 太郎", "yamada@example.com"),
    recipient(102, "髙﨑 花子", "takasaki@example.jp"),
    recipient(103, "佐藤 次郎", "sato@example.com", consent=False),
    recipient(104, "鈴木 三郎", None),
]


def all_messages(engine: Engine) -> list[Message]:
    with Session(engine) as session:
        return list(session.scalars(select(Message).order_by(col(Message.claimant_id), col(Message.due_at))).all())


def all_events(engine: Engine) -> list[Event]:
    with Session(engine) as session:
        return list(session.scalars(select(Event)).all())


def days_ahead(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """A time in Japan `days` calendar days from today (Japan time)."""
    from datetime import time, timedelta

    today = datetime.now(TOKYO).date()
    return datetime.combine(today + timedelta(days=days), time(hour, minute), tzinfo=TOKYO)
