from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from claims_api.outbox.models import OutboxEvent


def enqueue(*, session: Session, type_: str, payload: dict[str, Any], destination: str = "notify") -> OutboxEvent:
    """Add an event to the caller's transaction: it exists exactly when the change it reports exists."""
    event = OutboxEvent(event_id=str(uuid.uuid4()), type=type_, destination=destination, payload=payload)
    session.add(event)
    return event
