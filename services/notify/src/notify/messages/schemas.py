from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from notify.messages.models import Channel, MessageKind, MessageStatus


class MessageRead(BaseModel):
    """One notice to one person. Hearing messages carry the hearing and the event that made them; intake reminders
    the claimant; breach notices their campaign and recipient (their text is made when sent: no subject here)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: MessageKind
    channel: Channel
    event_id: str | None
    hearing_id: int | None
    claimant_id: int | None
    campaign_id: int | None
    recipient_id: int | None
    to_name: str
    to_address: str | None
    subject: str | None
    message_id: str
    status: MessageStatus
    due_at: datetime
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    delivered_at: datetime | None
    bounced_at: datetime | None
    cancel_key: str
    created_at: datetime


class MessageDetail(MessageRead):
    body: str | None


class MessagePage(BaseModel):
    items: list[MessageRead]
    total: int
    limit: int
    offset: int
