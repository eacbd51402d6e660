from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from notify.messages.models import MessageKind, MessageStatus


class MessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: MessageKind
    event_id: str
    hearing_id: int
    claimant_id: int
    to_address: str
    subject: str
    message_id: str
    status: MessageStatus
    due_at: datetime
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    cancel_key: str
    created_at: datetime


class MessageDetail(MessageRead):
    body: str


class MessagePage(BaseModel):
    items: list[MessageRead]
    total: int
    limit: int
    offset: int
